package org.galdav.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Photo normalisation: pass-through, scaling with EXIF orientation, refusals. */
class PhotosTest {
    @Test
    void smallPhotosPassThroughUnchanged() throws Exception {
        byte[] small = jpeg(100, 80);
        assertThat(Photos.normalize(small, 512, "dn")).hasValue(small);
    }

    @Test
    void largePhotosAreScaledAndTurnedAsTheirExifOrientationSays() throws Exception {
        // 1200x600, red left half; orientation 6 means "turn 90 degrees clockwise to display".
        byte[] wide = withOrientation(jpeg(1200, 600), 6);
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(Photos.normalize(wide, 512, "dn").orElseThrow()));
        assertThat(out.getHeight()).isEqualTo(512);
        assertThat(out.getWidth()).isEqualTo(256);
        Color top = new Color(out.getRGB(128, 20));
        Color bottom = new Color(out.getRGB(128, 490));
        assertThat(top.getRed()).as("the red left half is now on top").isGreaterThan(200);
        assertThat(bottom.getRed()).isLessThan(80);
    }

    @Test
    void brokenDataIsRefused() {
        assertThat(Photos.normalize("GIF89a but not really".getBytes(), 512, "dn")).isEmpty();
        assertThat(Photos.normalize(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2, 3, 4, 5, 6}, 512, "dn")).isEmpty();
    }

    private static byte[] jpeg(int width, int height) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** Inserts an APP1 Exif segment with just the Orientation tag after the SOI marker. */
    private static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        int length = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xff);
        out.write(0xe1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
