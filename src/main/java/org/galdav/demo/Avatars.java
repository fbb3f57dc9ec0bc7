package org.galdav.demo;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Small JPEG portraits (a coloured square with the person's initials) so that clients get real
 * {@code jpegPhoto} data. Letters come from a built-in 5×7 bitmap font rather than system fonts: the bytes are
 * then the same on every machine, and slim containers without fonts still work.
 */
final class Avatars {

    static final int SIZE = 96;
    private static final int SCALE = 6;
    private static final int GLYPH_WIDTH = 5;
    private static final int GLYPH_HEIGHT = 7;
    private static final int GAP = 1;

    /** Rows of 'A' to 'Z', top to bottom, '#' for ink. */
    private static final List<String> FONT = List.of(
            " ### /#   #/#   #/#####/#   #/#   #/#   #",
            "#### /#   #/#   #/#### /#   #/#   #/#### ",
            " ####/#    /#    /#    /#    /#    / ####",
            "#### /#   #/#   #/#   #/#   #/#   #/#### ",
            "#####/#    /#    /#### /#    /#    /#####",
            "#####/#    /#    /#### /#    /#    /#    ",
            " ####/#    /#    /#  ##/#   #/#   #/ ####",
            "#   #/#   #/#   #/#####/#   #/#   #/#   #",
            "#####/  #  /  #  /  #  /  #  /  #  /#####",
            "  ###/   # /   # /   # /   # /#  # / ##  ",
            "#   #/#  # /# #  /##   /# #  /#  # /#   #",
            "#    /#    /#    /#    /#    /#    /#####",
            "#   #/## ##/# # #/# # #/#   #/#   #/#   #",
            "#   #/##  #/# # #/#  ##/#   #/#   #/#   #",
            " ### /#   #/#   #/#   #/#   #/#   #/ ### ",
            "#### /#   #/#   #/#### /#    /#    /#    ",
            " ### /#   #/#   #/#   #/# # #/#  # / ## #",
            "#### /#   #/#   #/#### /# #  /#  # /#   #",
            " ####/#    /#    / ### /    #/    #/#### ",
            "#####/  #  /  #  /  #  /  #  /  #  /  #  ",
            "#   #/#   #/#   #/#   #/#   #/#   #/ ### ",
            "#   #/#   #/#   #/#   #/#   #/ # # /  #  ",
            "#   #/#   #/#   #/# # #/# # #/## ##/#   #",
            "#   #/#   #/ # # /  #  / # # /#   #/#   #",
            "#   #/#   #/ # # /  #  /  #  /  #  /  #  ",
            "#####/    #/   # /  #  / #   /#    /#####");

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Avatars() {
    }

    /**
     * @param initials two letters A–Z (others are left blank)
     * @param hue background hue, 0 to 1
     */
    static byte[] jpeg(String initials, float hue) {
        int background = Color.HSBtoRGB(hue, 0.55f, 0.75f);
        int ink = 0xFFFFFF;
        int[] pixels = new int[SIZE * SIZE];
        Arrays.fill(pixels, background);
        int textWidth = (initials.length() * (GLYPH_WIDTH + GAP) - GAP) * SCALE;
        int left = (SIZE - textWidth) / 2;
        int top = (SIZE - GLYPH_HEIGHT * SCALE) / 2;
        for (int i = 0; i < initials.length(); i++) {
            drawGlyph(pixels, initials.charAt(i), left + i * (GLYPH_WIDTH + GAP) * SCALE, top, ink);
        }
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, SIZE, SIZE, pixels, 0, SIZE);
        return encode(image);
    }

    /** JPEG-encodes in memory; {@code ImageIO.write} would go through a temporary file cache. */
    private static byte[] encode(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer available");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void drawGlyph(int[] pixels, char letter, int left, int top, int ink) {
        if (letter < 'A' || letter > 'Z') {
            return;
        }
        String[] rows = FONT.get(letter - 'A').split("/");
        for (int row = 0; row < GLYPH_HEIGHT; row++) {
            for (int column = 0; column < GLYPH_WIDTH; column++) {
                if (rows[row].charAt(column) == '#') {
                    fill(pixels, left + column * SCALE, top + row * SCALE, ink);
                }
            }
        }
    }

    private static void fill(int[] pixels, int x, int y, int color) {
        for (int dy = 0; dy < SCALE; dy++) {
            Arrays.fill(pixels, (y + dy) * SIZE + x, (y + dy) * SIZE + x + SCALE, color);
        }
    }
}
