package org.galdav.mapping;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;

/**
 * The EXIF Orientation tag (0x0112) of a JPEG, and the turn it asks for. Phones store photos as shot
 * and record how to turn them; a scaled copy written without metadata must be turned first.
 */
final class ExifOrientation {
    private ExifOrientation() {
    }

    /** 1 (as stored) to 8; 1 when there is no readable tag. */
    static int of(byte[] jpeg) {
        int i = 2;
        while (i + 4 < jpeg.length && (jpeg[i] & 0xff) == 0xff) {
            int marker = jpeg[i + 1] & 0xff;
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            if (marker == 0xe1 && i + 10 < jpeg.length && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x'
                    && jpeg[i + 6] == 'i' && jpeg[i + 7] == 'f') {
                return fromTiff(jpeg, i + 10, Math.min(jpeg.length, i + 2 + length));
            }
            if (marker == 0xda) {
                break;
            }
            i += 2 + length;
        }
        return 1;
    }

    private static int fromTiff(byte[] d, int start, int end) {
        if (start + 8 > end) {
            return 1;
        }
        boolean little = d[start] == 'I';
        int ifd = start + (int) read(d, start + 4, 4, little);
        if (ifd + 2 > end || ifd < start) {
            return 1;
        }
        int entries = (int) read(d, ifd, 2, little);
        for (int n = 0; n < entries; n++) {
            int entry = ifd + 2 + n * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (read(d, entry, 2, little) == 0x0112) {
                int value = (int) read(d, entry + 8, 2, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static long read(byte[] d, int at, int bytes, boolean little) {
        long value = 0;
        for (int k = 0; k < bytes; k++) {
            int b = d[little ? at + bytes - 1 - k : at + k] & 0xff;
            value = (value << 8) | b;
        }
        return value;
    }

    /** The image turned (and mirrored) as the orientation says. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2: t.scale(-1, 1); t.translate(-w, 0); break;
            case 3: t.translate(w, h); t.rotate(Math.PI); break;
            case 4: t.scale(1, -1); t.translate(0, -h); break;
            case 5: t.rotate(-Math.PI / 2); t.scale(-1, 1); break;
            case 6: t.translate(h, 0); t.rotate(Math.PI / 2); break;
            case 7: t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); break;
            case 8: t.translate(0, w); t.rotate(3 * Math.PI / 2); break;
            default: return image;
        }
        boolean swap = orientation >= 5;
        BufferedImage target = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        new AffineTransformOp(t, AffineTransformOp.TYPE_BILINEAR).filter(toRgb(image), target);
        return target;
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }
}
