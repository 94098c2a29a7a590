package dev.simlab.renderer;

import static org.lwjgl.opengl.GL33C.*;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lwjgl.system.MemoryUtil;

/**
 * The single view's HUD drawn into a texture at most every {@link #REFRESH_NANOS} and composited
 * over every frame. On a software rasteriser the HUD's two thousand small triangles of text and
 * sparkline cost about 3 ms of a 20-ms frame (docs/BENCHMARKS.md); its numbers change every frame,
 * but twenty times a second is as fast as anyone reads them. The texture holds premultiplied
 * colour, so compositing it gives the picture drawing the HUD directly would. Only the HUD's blocks
 * (the panel, the key line, the message) are composited, not the whole window. Final frames,
 * screenshots and recorded frames draw it fresh.
 */
final class HudLayer implements AutoCloseable {
    /** Twenty HUD updates a second. */
    static final long REFRESH_NANOS = 50_000_000L;
    private static final int FLOATS = 4;
    private final GlProgram program = new GlProgram(Shaders.HUD_VERTEX, Shaders.LAYER_FRAGMENT);
    private final int fbo = glGenFramebuffers(), texture = glGenTextures(), vao, vbo;
    private int width, height;
    private long drawnNanos;
    private String message = "";
    private final List<float[]> regions = new ArrayList<>();
    private FloatBuffer quads = MemoryUtil.memAllocFloat(6 * FLOATS * 8);

    HudLayer() {
        vao = glGenVertexArrays();
        glBindVertexArray(vao);
        vbo = glGenBuffers();
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, false, FLOATS * 4, 0);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 2, GL_FLOAT, false, FLOATS * 4, 8);
        glBindVertexArray(0);
    }

    /** Whether the HUD must be drawn again: its refresh time came, the window's size or the message changed. */
    boolean stale(int w, int h, String message, long now) {
        return w != width || h != height || !message.equals(this.message) || now - drawnNanos >= REFRESH_NANOS;
    }

    /** Draws {@code hud} (which writes into {@code overlay}) into the texture. */
    void draw(Overlay2D overlay, int w, int h, String message, long now, Runnable hud) {
        if (w != width || h != height) resize(w, h);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, w, h);
        glClearColor(0, 0, 0, 0);
        glClear(GL_COLOR_BUFFER_BIT);
        hud.run();
        regions.clear();
        regions.addAll(overlay.regions());
        overlay.flush(w, h, true);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        drawnNanos = now;
        this.message = message;
    }

    /** Blends the texture's HUD blocks over the window's back buffer. */
    void composite() {
        if (regions.isEmpty()) return;
        if (quads.capacity() < regions.size() * 6 * FLOATS) {
            MemoryUtil.memFree(quads);
            quads = MemoryUtil.memAllocFloat(regions.size() * 6 * FLOATS);
        }
        quads.clear();
        for (float[] r : regions) {
            float x0 = Math.max(0, r[0]), y0 = Math.max(0, r[1]), x1 = Math.min(width, r[2]), y1 = Math.min(height, r[3]);
            if (x1 <= x0 || y1 <= y0) continue;
            // texture row 0 is the window's bottom row
            float u0 = x0 / width, u1 = x1 / width, v0 = 1 - y0 / height, v1 = 1 - y1 / height;
            quads.put(x0).put(y0).put(u0).put(v0).put(x1).put(y0).put(u1).put(v0).put(x1).put(y1).put(u1).put(v1);
            quads.put(x0).put(y0).put(u0).put(v0).put(x1).put(y1).put(u1).put(v1).put(x0).put(y1).put(u0).put(v1);
        }
        quads.flip();
        if (quads.limit() == 0) return;
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glViewport(0, 0, width, height);
        glDisable(GL_DEPTH_TEST);
        glEnable(GL_BLEND);
        glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        program.use();
        program.set("screen", width, height);
        program.set("layer", 0);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, texture);
        glBindVertexArray(vao);
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glBufferData(GL_ARRAY_BUFFER, quads, GL_STREAM_DRAW);
        glDrawArrays(GL_TRIANGLES, 0, quads.limit() / FLOATS);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        glEnable(GL_DEPTH_TEST);
    }

    private void resize(int w, int h) {
        width = w;
        height = h;
        glBindTexture(GL_TEXTURE_2D, texture);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, (ByteBuffer) null);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glBindTexture(GL_TEXTURE_2D, 0);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture, 0);
        int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        if (status != GL_FRAMEBUFFER_COMPLETE) throw new IllegalStateException("HUD framebuffer incomplete: 0x" + Integer.toHexString(status));
    }

    @Override
    public void close() {
        glDeleteFramebuffers(fbo);
        glDeleteTextures(texture);
        glDeleteBuffers(vbo);
        glDeleteVertexArrays(vao);
        program.close();
        MemoryUtil.memFree(quads);
    }
}
