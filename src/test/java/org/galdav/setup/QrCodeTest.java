package org.galdav.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The QR code is a PNG that a reader decodes back to the URL (the browser test also decodes it with zbarimg). */
class QrCodeTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/", "https://contacts.example.com/",
        "https://[2001:db8::1]:8443/", "https://adressbuch.bäckerei-müller.example/"})
    void decodesBackToTheUrl(String url) throws Exception {
        byte[] png = QrCode.png(url);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(QrCode.SIZE);
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
        assertThat(decoded).isEqualTo(url);
    }
}
