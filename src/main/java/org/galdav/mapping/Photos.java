package org.galdav.mapping;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes directory photos fit for phones: images larger than the limit are scaled down and stored as
 * JPEG; images within it are passed through byte for byte; data that is not a readable JPEG, PNG or
 * GIF is dropped with a log line instead of breaking the card. Huge images are decoded with
 * subsampling, so a hostile photo cannot exhaust memory.
 */
final class Photos {
    private static final Logger LOG = LoggerFactory.getLogger(Photos.class);
    /** Decoded at most (after subsampling), so one photo stays within ~100 MB of heap. */
    private static final long MAX_DECODED_PIXELS = 25_000_000L;
    /** Larger images are refused outright: no directory photo needs to be this big. */
    private static final long MAX_SOURCE_PIXELS = 100_000_000L;
    /** Progressive JPEGs are decoded whole in native memory whatever the subsampling: kept smaller. */
    private static final long MAX_PROGRESSIVE_PIXELS = 16_000_000L;
    /** A few decodes at a time, so concurrent large photos cannot add up. */
    private static final Semaphore DECODES = new Semaphore(2);
    private static final float JPEG_QUALITY = 0.85f;

    static {
        // Decode from memory, not through a temporary file per photo (ImageIO's default when a cache dir exists).
        ImageIO.setUseCache(false);
    }

    private Photos() {
    }

    static Optional<byte[]> normalize(byte[] data, int maxSize, String dn) {
        if (!isImage(data)) {
            LOG.warn("entry {}: photo is not a JPEG, PNG or GIF image ({} bytes); left out", dn, data.length);
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                LOG.warn("entry {}: photo cannot be decoded; left out", dn);
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= maxSize && height <= maxSize) {
                    reader.read(0); // proves the data decodes; the original bytes are kept
                    return Optional.of(data);
                }
                long pixels = (long) width * height;
                if (pixels > MAX_SOURCE_PIXELS || (progressive(data) && pixels > MAX_PROGRESSIVE_PIXELS)) {
                    LOG.warn("entry {}: photo of {}x{} pixels is too large to process; left out", dn, width, height);
                    return Optional.empty();
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, (int) Math.ceil(Math.sqrt((double) pixels / MAX_DECODED_PIXELS)));
                param.setSourceSubsampling(step, step, 0, 0);
                DECODES.acquireUninterruptibly();
                try {
                    BufferedImage source = ExifOrientation.apply(reader.read(0, param), ExifOrientation.of(data));
                    return Optional.of(jpeg(scale(source, maxSize)));
                } finally {
                    DECODES.release();
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            LOG.warn("entry {}: photo cannot be decoded ({}); left out", dn, e.toString());
            return Optional.empty();
        }
    }

    /** A progressive (SOF2) JPEG: its start-of-frame marker is FFC2. */
    private static boolean progressive(byte[] d) {
        if (!((d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8)) {
            return false;
        }
        int i = 2;
        while (i + 3 < d.length && (d[i] & 0xff) == 0xff) {
            int marker = d[i + 1] & 0xff;
            if (marker == 0xc2) {
                return true;
            }
            if (marker == 0xc0 || marker == 0xc1 || marker == 0xda) {
                return false;
            }
            i += 2 + (((d[i + 2] & 0xff) << 8) | (d[i + 3] & 0xff));
        }
        return false;
    }

    private static boolean isImage(byte[] d) {
        return d.length > 8 && ((d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8
                || (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G'
                || d[0] == 'G' && d[1] == 'I' && d[2] == 'F');
    }

    /** Fits the image into maxSize x maxSize, keeping its proportions, on white (JPEG has no alpha). */
    private static BufferedImage scale(BufferedImage source, int maxSize) {
        double factor = Math.min(1.0, (double) maxSize / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
