package dev.simlab.renderer;

import static org.lwjgl.opengl.GL33C.*;

import java.nio.FloatBuffer;
import org.lwjgl.system.MemoryUtil;

/**
 * A batch of screen-space triangles (pixels, y down): text from the {@link GlyphAtlas}, filled
 * rectangles and thick polylines, flushed in one draw call per frame.
 */
final class Overlay2D implements AutoCloseable {
    private static final int FLOATS = 8;
    private final GlProgram program = new GlProgram(Shaders.HUD_VERTEX, Shaders.HUD_FRAGMENT);
    private final int vao, vbo;
    private FloatBuffer buf = MemoryUtil.memAllocFloat(FLOATS * 6 * 2048);
    final GlyphAtlas atlas;

    Overlay2D(GlyphAtlas atlas) {
        this.atlas = atlas;
        vao = glGenVertexArrays();
        glBindVertexArray(vao);
        vbo = glGenBuffers();
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, false, FLOATS * 4, 0);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 2, GL_FLOAT, false, FLOATS * 4, 8);
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 4, GL_FLOAT, false, FLOATS * 4, 16);
        glBindVertexArray(0);
    }

    /** Where (0, 0) of what is drawn next lies in the window, in pixels: the grid view's HUDs draw in their own viewport. */
    private float originX, originY;

    void origin(float x, float y) {
        originX = x;
        originY = y;
    }

    /** The HUD's blocks: each a bounding box of what was drawn between {@link #beginRegion} and {@link #endRegion}. */
    private final java.util.List<float[]> regions = new java.util.ArrayList<>();
    private float[] region;

    /** Starts a block whose bounding box {@link HudLayer} composites. */
    void beginRegion() {
        region = new float[] {Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
    }

    void endRegion() {
        if (region != null && region[2] >= region[0]) regions.add(region);
        region = null;
    }

    /** The blocks since the last flush, in window pixels (x0, y0, x1, y1; y down). */
    java.util.List<float[]> regions() {
        return regions;
    }

    private void vertex(float x, float y, float u, float v, float[] c) {
        x += originX;
        y += originY;
        if (region != null) {
            region[0] = Math.min(region[0], (float) Math.floor(x));
            region[1] = Math.min(region[1], (float) Math.floor(y));
            region[2] = Math.max(region[2], (float) Math.ceil(x));
            region[3] = Math.max(region[3], (float) Math.ceil(y));
        }
        if (buf.remaining() < FLOATS) {
            FloatBuffer bigger = MemoryUtil.memAllocFloat(buf.capacity() * 2);
            buf.flip();
            bigger.put(buf);
            MemoryUtil.memFree(buf);
            buf = bigger;
        }
        buf.put(x).put(y).put(u).put(v).put(c[0]).put(c[1]).put(c[2]).put(c[3]);
    }

    private void quad(float x0, float y0, float x1, float y1, float u0, float v0, float u1, float v1, float[] c) {
        vertex(x0, y0, u0, v0, c);
        vertex(x1, y0, u1, v0, c);
        vertex(x1, y1, u1, v1, c);
        vertex(x0, y0, u0, v0, c);
        vertex(x1, y1, u1, v1, c);
        vertex(x0, y1, u0, v1, c);
    }

    void rect(float x, float y, float w, float h, float[] c) {
        float u = atlas.solidU(), v = atlas.solidV();
        quad(x, y, x + w, y + h, u, v, u, v, c);
    }

    /** A segment of the given thickness in pixels. */
    void line(float x0, float y0, float x1, float y1, float thickness, float[] c) {
        float dx = x1 - x0, dy = y1 - y0;
        float len = (float) Math.sqrt(dx * dx + dy * dy);
        if (len < 1e-3f) return;
        float nx = -dy / len * thickness / 2, ny = dx / len * thickness / 2;
        float u = atlas.solidU(), v = atlas.solidV();
        vertex(x0 + nx, y0 + ny, u, v, c);
        vertex(x1 + nx, y1 + ny, u, v, c);
        vertex(x1 - nx, y1 - ny, u, v, c);
        vertex(x0 + nx, y0 + ny, u, v, c);
        vertex(x1 - nx, y1 - ny, u, v, c);
        vertex(x0 - nx, y0 - ny, u, v, c);
    }

    /** Writes text with its top-left corner at (x, y); returns the width drawn. */
    float text(String s, float x, float y, float[] c) {
        float pen = x;
        for (int k = 0; k < s.length(); k++) {
            int i = atlas.index(s.charAt(k));
            if (s.charAt(k) != ' ') // a blank glyph draws nothing but would cost two triangles
                quad(pen - 1, y - 1, pen + 1 + atlas.advance(i), y + atlas.lineHeight, atlas.u0(i), atlas.v0(i), atlas.u1(i), atlas.v1(i), c);
            pen += atlas.advance(i);
        }
        return pen - x;
    }

    void flush(int width, int height) {
        flush(width, height, false);
    }

    /**
     * Draws the batch; {@code premultiplied}: into a transparent {@link HudLayer} texture, whose
     * alpha then accumulates coverage so that compositing it equals drawing straight into the window.
     */
    void flush(int width, int height, boolean premultiplied) {
        regions.clear();
        region = null;
        if (buf.position() == 0) return;
        buf.flip();
        glDisable(GL_DEPTH_TEST);
        glEnable(GL_BLEND);
        if (premultiplied) glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        else glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        program.use();
        program.set("screen", width, height);
        program.set("atlas", 0);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, atlas.texture);
        glBindVertexArray(vao);
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glBufferData(GL_ARRAY_BUFFER, buf, GL_STREAM_DRAW);
        glDrawArrays(GL_TRIANGLES, 0, buf.limit() / FLOATS);
        buf.clear();
        if (premultiplied) glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        glEnable(GL_DEPTH_TEST);
    }

    @Override
    public void close() {
        glDeleteBuffers(vbo);
        glDeleteVertexArrays(vao);
        program.close();
        MemoryUtil.memFree(buf);
    }
}
