package dev.simlab.renderer;

import static org.lwjgl.opengl.GL33C.*;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.lwjgl.system.MemoryUtil;

/**
 * Real text for the HUD: printable ASCII plus the few symbols the HUD uses (ε, ±, γ, θ, …),
 * rasterised once with Java2D (works headless) into a one-channel texture. Pixel (0, 0) is
 * solid so panels and sparklines are drawn with the same texture.
 */
final class GlyphAtlas implements AutoCloseable {
    static final String EXTRA = "εγθαλ±·–×°";
    private static final int FIRST = 32, LAST = 126;

    final int texture;
    final int size, width, height, cell, ascent, lineHeight;
    private final float[] u0, v0, u1, v1, advance;
    private final String chars;

    GlyphAtlas(int pixelSize) {
        size = pixelSize;
        StringBuilder sb = new StringBuilder();
        for (int c = FIRST; c <= LAST; c++) sb.append((char) c);
        sb.append(EXTRA);
        chars = sb.toString();
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, pixelSize);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(font);
        FontMetrics fm = pg.getFontMetrics();
        ascent = fm.getAscent();
        lineHeight = fm.getHeight();
        int maxAdvance = 0;
        for (char ch : chars.toCharArray()) maxAdvance = Math.max(maxAdvance, fm.charWidth(ch));
        pg.dispose();
        cell = Math.max(maxAdvance, lineHeight) + 2;
        int perRow = 16;
        int rowsNeeded = (chars.length() + perRow) / perRow + 1;
        width = Integer.highestOneBit(perRow * cell - 1) << 1;
        height = Integer.highestOneBit(rowsNeeded * cell - 1) << 1;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setFont(font);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 4, 4); // the solid texel for untextured quads
        u0 = new float[chars.length()];
        v0 = new float[chars.length()];
        u1 = new float[chars.length()];
        v1 = new float[chars.length()];
        advance = new float[chars.length()];
        for (int i = 0; i < chars.length(); i++) {
            int slot = i + 1; // slot 0 holds the solid texel
            int x = (slot % perRow) * cell, y = (slot / perRow) * cell;
            char ch = chars.charAt(i);
            g.drawString(String.valueOf(ch), x + 1, y + 1 + ascent);
            advance[i] = fm.charWidth(ch);
            u0[i] = x / (float) width;
            v0[i] = y / (float) height;
            // quads as tight as the glyph's advance and line: less blending for the software rasteriser
            u1[i] = (x + advance[i] + 2) / (float) width;
            v1[i] = (y + lineHeight + 1) / (float) height;
        }
        g.dispose();
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        ByteBuffer buf = MemoryUtil.memAlloc(px.length);
        buf.put(px).flip();
        texture = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, texture);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, buf);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        MemoryUtil.memFree(buf);
    }

    /** Index of a character in the atlas, '?' for anything it lacks. */
    int index(char c) {
        int i = chars.indexOf(c);
        return i >= 0 ? i : chars.indexOf('?');
    }

    float advance(int i) {
        return advance[i];
    }

    float u0(int i) {
        return u0[i];
    }

    float v0(int i) {
        return v0[i];
    }

    float u1(int i) {
        return u1[i];
    }

    float v1(int i) {
        return v1[i];
    }

    /** Texture coordinate of the solid texel. */
    float solidU() {
        return 1.5f / width;
    }

    float solidV() {
        return 1.5f / height;
    }

    float width(String text) {
        float w = 0;
        for (int i = 0; i < text.length(); i++) w += advance(index(text.charAt(i)));
        return w;
    }

    @Override
    public void close() {
        glDeleteTextures(texture);
    }
}
