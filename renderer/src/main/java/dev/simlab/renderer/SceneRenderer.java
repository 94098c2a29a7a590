package dev.simlab.renderer;

import static org.lwjgl.opengl.GL33C.*;

import dev.simlab.core.scene.Rgba;
import dev.simlab.core.scene.Scene;
import dev.simlab.core.scene.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.lwjgl.system.MemoryUtil;

/**
 * Draws a {@link Scene} with OpenGL 3.3 core: every cuboid, every line (as a beam of its width)
 * and every sphere becomes one instance of a shared unit mesh, so a scene of hundreds of vehicles
 * costs two instanced draw calls; height fields are meshed per frame, point clouds are GL points.
 * The renderer knows shapes, not envs: any env that describes its scene is drawn.
 */
final class SceneRenderer implements AutoCloseable {
    private static final int INSTANCE_FLOATS = 20;
    private static final int VERTEX_FLOATS_FLAT = 7;
    private static final int VERTEX_FLOATS_SURFACE = 10;
    /** Toward the sun: high, a little to the right of and behind a camera on the +z side, so shadows fall to the back left. */
    static final Vector3f LIGHT = new Vector3f(0.25f, 1f, 0.35f).normalize();
    /** The palette every scene is drawn in: the horizon's haze (also the fog), the zenith's blue, the ground grid. */
    static final float[] BACKGROUND = {0.86f, 0.89f, 0.93f};
    static final float[] ZENITH = {0.42f, 0.60f, 0.86f};
    static final float GRID_GREY = 0.72f;
    /** Shadow map size in texels ({@code -Dsimlab.viewer.shadow-map=0} turns shadows off). */
    static final int SHADOW_MAP = Integer.getInteger("simlab.viewer.shadow-map", 2048);
    /** Samples of the multisampled scene target ({@code -Dsimlab.viewer.msaa=0} draws aliased, straight to the window). */
    static final int MSAA = Integer.getInteger("simlab.viewer.msaa", 4);

    private final GlProgram lit = new GlProgram(Shaders.LIT_VERTEX, Shaders.LIT_FRAGMENT);
    private final GlProgram flat = new GlProgram(Shaders.FLAT_VERTEX, Shaders.FLAT_FRAGMENT);
    private final GlProgram textured = new GlProgram(Shaders.IMAGE_VERTEX, Shaders.IMAGE_FRAGMENT);
    private final GlProgram depth = new GlProgram(Shaders.SHADOW_VERTEX, Shaders.SHADOW_FRAGMENT);
    private final GlProgram sky = new GlProgram(Shaders.SKY_VERTEX, Shaders.SKY_FRAGMENT);
    private final ShadowMap shadowMap;
    /**
     * Half the full map's resolution, for the live window once it has dropped multisampling: on
     * llvmpipe a 2048² map cost a 1280×720 gridworld frame 9 ms and a 1024² one 3.5 ms (see
     * docs/BENCHMARKS.md). Screenshots and recorded frames use the full map.
     */
    private final ShadowMap liveShadowMap;
    private final MultisampleTarget target;
    private final int skyVao;
    private final Matrix4f lightViewProjection = new Matrix4f();
    private final Mesh cube = new Mesh(Meshes.cube());
    private final Mesh sphere = new Mesh(Meshes.sphere(10, 16));
    private final Mesh cylinder = new Mesh(Meshes.cylinder(16));
    private final int surfaceVao, surfaceVbo, flatVao, flatVbo, imageVao, imageVbo, imageTexture;
    private final FloatBuffer quad = MemoryUtil.memAllocFloat(6 * 5);
    private FloatBuffer instances = MemoryUtil.memAllocFloat(INSTANCE_FLOATS * 1024);
    private FloatBuffer vertices = MemoryUtil.memAllocFloat(VERTEX_FLOATS_SURFACE * 4096);
    private final Matrix4f model = new Matrix4f();

    /** Labels of the last frame that survived the overlay filter, for the HUD to write. */
    final List<Shape.Label> labels = new ArrayList<>();

    /** One unit mesh with its per-instance buffer. */
    private final class Mesh {
        final int vao, vbo, instanceVbo, vertexCount;

        Mesh(float[] data) {
            vertexCount = data.length / 6;
            vao = glGenVertexArrays();
            glBindVertexArray(vao);
            vbo = glGenBuffers();
            glBindBuffer(GL_ARRAY_BUFFER, vbo);
            glBufferData(GL_ARRAY_BUFFER, data, GL_STATIC_DRAW);
            glEnableVertexAttribArray(0);
            glVertexAttribPointer(0, 3, GL_FLOAT, false, 24, 0);
            glEnableVertexAttribArray(1);
            glVertexAttribPointer(1, 3, GL_FLOAT, false, 24, 12);
            instanceVbo = glGenBuffers();
            glBindBuffer(GL_ARRAY_BUFFER, instanceVbo);
            for (int c = 0; c < 4; c++) {
                glEnableVertexAttribArray(3 + c);
                glVertexAttribPointer(3 + c, 4, GL_FLOAT, false, INSTANCE_FLOATS * 4, c * 16L);
                glVertexAttribDivisor(3 + c, 1);
            }
            glEnableVertexAttribArray(7);
            glVertexAttribPointer(7, 4, GL_FLOAT, false, INSTANCE_FLOATS * 4, 64);
            glVertexAttribDivisor(7, 1);
            glBindVertexArray(0);
        }

        void close() {
            glDeleteBuffers(vbo);
            glDeleteBuffers(instanceVbo);
            glDeleteVertexArrays(vao);
        }
    }

    SceneRenderer() {
        this(SHADOW_MAP);
    }

    /** With a shadow map of {@code shadowMapSize}² texels (0: no shadows). */
    SceneRenderer(int shadowMapSize) {
        shadowMap = shadowMapSize > 0 ? new ShadowMap(shadowMapSize) : null;
        liveShadowMap = shadowMapSize >= 1024 ? new ShadowMap(shadowMapSize / 2) : shadowMap;
        surfaceVao = glGenVertexArrays();
        glBindVertexArray(surfaceVao);
        surfaceVbo = glGenBuffers();
        glBindBuffer(GL_ARRAY_BUFFER, surfaceVbo);
        int stride = VERTEX_FLOATS_SURFACE * 4;
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 3, GL_FLOAT, false, stride, 0);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 3, GL_FLOAT, false, stride, 12);
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 4, GL_FLOAT, false, stride, 24);
        flatVao = glGenVertexArrays();
        glBindVertexArray(flatVao);
        flatVbo = glGenBuffers();
        glBindBuffer(GL_ARRAY_BUFFER, flatVbo);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 3, GL_FLOAT, false, VERTEX_FLOATS_FLAT * 4, 0);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 4, GL_FLOAT, false, VERTEX_FLOATS_FLAT * 4, 12);
        imageVao = glGenVertexArrays();
        glBindVertexArray(imageVao);
        imageVbo = glGenBuffers();
        glBindBuffer(GL_ARRAY_BUFFER, imageVbo);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 3, GL_FLOAT, false, 20, 0);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 2, GL_FLOAT, false, 20, 12);
        glBindVertexArray(0);
        imageTexture = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, imageTexture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glBindTexture(GL_TEXTURE_2D, 0);
        skyVao = glGenVertexArrays();
        int samples = Math.min(MSAA, glGetInteger(GL_MAX_SAMPLES));
        target = samples > 1 ? new MultisampleTarget(samples) : null;
    }

    /** Samples per pixel of the scene pass (1: no multisampling). */
    int samples() {
        return target == null || !full() && quality < 2 ? 1 : target.samples;
    }

    /**
     * How much of the look the live window can afford: 2 everything, 1 without multisampling and
     * with the half-resolution shadow map, 0
     * without shadows either. {@link ViewerWindow} lowers it when frames take longer than the frame
     * cap allows (llvmpipe on a loaded 2-core machine); screenshots and recorded frames are drawn
     * at full quality whatever it is.
     */
    int quality = 2;
    private boolean forceFull;

    /** Draws the next frames at full quality (screenshots, recorded frames) until called with false. */
    void forceFull(boolean on) {
        forceFull = on;
    }

    private boolean full() {
        return forceFull || quality >= 2;
    }

    /**
     * Draws the scene into the window's framebuffer: the shadow map from the light, then sky and
     * lit shapes into the multisampled target, resolved into the window (the HUD goes over it). Shapes whose tag is in {@code hidden} are
     * skipped (overlays the user turned off).
     */
    void draw(Scene scene, Camera camera, int width, int height, Set<String> hidden, Bounds bounds) {
        draw(scene, camera, 0, 0, width, height, width, height, hidden, bounds);
    }

    /**
     * The same into the viewport {@code (x, y, width, height)} (GL's window coordinates, from the
     * bottom left) of a window {@code windowWidth × windowHeight}: the grid view draws one run per
     * viewport. Clears and the resolve touch only the viewport.
     */
    void draw(Scene scene, Camera camera, int x, int y, int width, int height, int windowWidth, int windowHeight, Set<String> hidden, Bounds bounds) {
        labels.clear();
        if (width < 1 || height < 1) return; // minimised
        Matrix4f vp = camera.viewProjection(width / (float) height);
        Vector3f eye = camera.eye();
        // opaque boxes, beams and spheres: uploaded once, drawn into the shadow map and the scene
        int opaqueCubes = scene == null ? 0 : upload(cube, scene, hidden, false);
        int cubeCasters = casters;
        int opaqueSpheres = scene == null ? 0 : upload(sphere, scene, hidden, false);
        int sphereCasters = casters;
        int opaqueCylinders = scene == null ? 0 : upload(cylinder, scene, hidden, false);
        int cylinderCasters = casters;
        boolean shadows = shadowMap != null && scene != null && cubeCasters + sphereCasters + cylinderCasters > 0 && (full() || quality >= 1);
        MultisampleTarget target = full() ? this.target : null;
        ShadowMap shadowMap = full() ? this.shadowMap : liveShadowMap;
        if (shadows) {
            lightFrustum(bounds, camera, scene);
            shadowMap.begin();
            depth.use();
            depth.set("lightViewProjection", lightViewProjection);
            drawUploaded(cube, cubeCasters);
            drawUploaded(sphere, sphereCasters);
            drawUploaded(cylinder, cylinderCasters);
            shadowMap.end();
        }
        if (target != null) target.bind(windowWidth, windowHeight);
        else glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glViewport(x, y, width, height);
        glEnable(GL_SCISSOR_TEST);
        glScissor(x, y, width, height);
        glDepthMask(true);
        glClear(GL_DEPTH_BUFFER_BIT); // the sky covers every pixel the scene leaves
        glDisable(GL_SCISSOR_TEST);
        glEnable(GL_DEPTH_TEST);
        glDisable(GL_BLEND); // opaque shapes replace what is under them: no read-back of the colour
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        glEnable(GL_PROGRAM_POINT_SIZE);
        if (scene != null) drawScene(scene, hidden, bounds, camera, vp, eye, width / (float) height, height, shadows, shadowMap, opaqueCubes, opaqueSpheres, opaqueCylinders);
        else drawSky(camera, width / (float) height);
        if (target != null) target.resolve(x, y, width, height);
    }

    private void drawScene(Scene scene, Set<String> hidden, Bounds bounds, Camera camera, Matrix4f vp, Vector3f eye, float aspect, int height,
            boolean shadows, ShadowMap shadowMap, int opaqueCubes, int opaqueSpheres, int opaqueCylinders) {
        drawGround(bounds, vp);

        lit.use();
        lit.set("viewProjection", vp);
        lit.set("lightViewProjection", lightViewProjection);
        lit.set("shadows", shadows ? 1 : 0);
        lit.set("shadowMap", 1);
        if (shadowMap != null) {
            lit.set("shadowTexel", 1f / shadowMap.size);
            glActiveTexture(GL_TEXTURE1);
            glBindTexture(GL_TEXTURE_2D, shadowMap.texture);
            glActiveTexture(GL_TEXTURE0);
        }
        lit.set("lightDir", LIGHT.x, LIGHT.y, LIGHT.z);
        lit.set("eye", eye.x, eye.y, eye.z);
        lit.set("fogColor", BACKGROUND[0], BACKGROUND[1], BACKGROUND[2]);
        float reach = camera.distance + Math.max(10, bounds.empty() ? 10 : Math.max(bounds.size(0), bounds.size(2)));
        lit.set("fogStart", camera.distance * 1.5f + 5);
        lit.set("fogEnd", Math.max(camera.distance * 1.5f + 10, reach * 1.5f));
        // opaque first, then the sky where they left the far plane, then translucent shapes without depth writes
        for (int pass = 0; pass < 2; pass++) {
            boolean translucent = pass == 1;
            if (translucent) {
                drawSky(camera, aspect);
                lit.use();
                glEnable(GL_BLEND);
            }
            glDepthMask(!translucent);
            // cubes, beams and spheres are closed meshes wound counter-clockwise seen from outside: their
            // back faces are never seen, and not rasterising them is a third of the frame time on llvmpipe
            glEnable(GL_CULL_FACE);
            if (translucent) {
                drawUploaded(cube, upload(cube, scene, hidden, true));
                drawUploaded(sphere, upload(sphere, scene, hidden, true));
                drawUploaded(cylinder, upload(cylinder, scene, hidden, true));
            } else {
                drawUploaded(cube, opaqueCubes);
                drawUploaded(sphere, opaqueSpheres);
                drawUploaded(cylinder, opaqueCylinders);
            }
            glDisable(GL_CULL_FACE); // height fields are seen from both sides
            drawSurfaces(scene, hidden, translucent);
        }
        glDepthMask(true);
        drawImages(scene, hidden, vp);
        drawPoints(scene, hidden, vp, height);
        for (Shape s : scene.shapes()) {
            if (s instanceof Shape.Label l && !hidden(hidden, l.tag())) labels.add(l);
        }
    }

    /** A tag is hidden with its own name or its family's: hiding {@code policy-arrow} hides {@code policy-arrow-head} too. */
    static boolean hidden(Set<String> hidden, String tag) {
        if (hidden.isEmpty()) return false;
        if (hidden.contains(tag)) return true;
        for (String h : hidden) if (tag.startsWith(h) && tag.length() > h.length() && tag.charAt(h.length()) == '-') return true;
        return false;
    }

    /** Puts the mesh's instances of the scene (cubes: cuboids and lines; spheres; cylinders) in its instance buffer; returns how many. */
    private int upload(Mesh mesh, Scene scene, Set<String> hidden, boolean translucent) {
        boolean boxes = mesh == cube, balls = mesh == sphere;
        instances.clear();
        int count = 0;
        // shadow casters first, so the shadow pass draws a prefix of the buffer
        for (int pass = 0; pass < 2; pass++) {
            for (Shape s : scene.shapes()) {
                if (hidden(hidden, s.tag()) || castsShadow(s) != (pass == 0)) continue;
                if (boxes && s instanceof Shape.Cuboid c && translucent(c.color()) == translucent) {
                    model.translation(c.x(), c.y(), c.z()).rotateY(c.yaw()).scale(c.sx(), c.sy(), c.sz());
                    count += put(model, c.color());
                } else if (boxes && s instanceof Shape.Line l && translucent(l.color()) == translucent) {
                    beam(l);
                    count += put(model, l.color());
                } else if (balls && s instanceof Shape.Sphere p && translucent(p.color()) == translucent) {
                    model.translation(p.x(), p.y(), p.z()).scale(p.radius());
                    count += put(model, p.color());
                } else if (mesh == cylinder && s instanceof Shape.Cylinder r && translucent(r.color()) == translucent) {
                    along(r.x1(), r.y1(), r.z1(), r.x2(), r.y2(), r.z2(), 2 * r.radius(), 2 * r.radius());
                    count += put(model, r.color());
                }
            }
            if (pass == 0) casters = count;
        }
        if (count == 0) return 0;
        instances.flip();
        glBindBuffer(GL_ARRAY_BUFFER, mesh.instanceVbo);
        glBufferData(GL_ARRAY_BUFFER, instances, GL_STREAM_DRAW);
        return count;
    }

    /** Instances at the front of the last upload that cast shadows. */
    private int casters;

    /**
     * Slabs lying on the ground (tiles, road pieces, lane markings) cast no shadow worth its cost:
     * leaving them out of the shadow map keeps its fill to the few things that stand up.
     */
    static boolean castsShadow(Shape s) {
        if (s instanceof Shape.Cuboid c) return c.sy() > 0.2f || c.sy() > 0.15f * Math.max(c.sx(), c.sz());
        if (s instanceof Shape.Line l) return Math.abs(l.y2() - l.y1()) > 0.05f * Math.max(1e-6f, Math.abs(l.x2() - l.x1()) + Math.abs(l.z2() - l.z1()))
                || l.width() > 0.2f;
        return true;
    }

    private void drawUploaded(Mesh mesh, int count) {
        if (count == 0) return;
        glBindVertexArray(mesh.vao);
        glVertexAttrib4f(2, 1, 1, 1, 1);
        glDrawArraysInstanced(GL_TRIANGLES, 0, mesh.vertexCount, count);
    }

    /**
     * The light's orthographic view: the whole scene when it is small, else the part around the
     * camera's target that the view can show (a road drawn for kilometres around the ego), so the
     * map's texels stay a few centimetres wide.
     */
    private void lightFrustum(Bounds b, Camera camera, Scene scene) {
        Vector3f centre = b.centre(new Vector3f());
        float radius = 0.5f * (float) Math.sqrt(b.size(0) * b.size(0) + b.size(1) * b.size(1) + b.size(2) * b.size(2));
        float near = camera.distance * 1.5f + 10;
        if (radius > near) {
            centre.set(camera.target);
            radius = near;
        }
        radius = Math.max(radius, 0.5f);
        Vector3f from = new Vector3f(LIGHT).mul(radius * 2).add(centre);
        lightViewProjection.setOrtho(-radius, radius, -radius, radius, radius * 0.5f, radius * 3.5f)
                .lookAt(from.x, from.y, from.z, centre.x, centre.y, centre.z, 0, 1, 0);
    }

    /**
     * The sky's view rays at the screen's corners: forward ± right ± up, scaled to the field of view.
     * It lies on the far plane and is drawn after the opaque shapes, depth-tested: a software
     * rasteriser then shades only the pixels nothing covers, not the whole screen under them.
     */
    private void drawSky(Camera camera, float aspect) {
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LEQUAL);
        glDisable(GL_BLEND);
        glDepthMask(false);
        sky.use();
        Vector3f eye = camera.eye();
        Vector3f forward = new Vector3f(camera.target).sub(eye).normalize();
        Vector3f right = new Vector3f(forward).cross(camera.up()).normalize();
        Vector3f up = new Vector3f(right).cross(forward);
        float t = (float) Math.tan(Camera.FOV / 2);
        sky.set("forward", forward.x, forward.y, forward.z);
        sky.set("right", right.x * t * aspect, right.y * t * aspect, right.z * t * aspect);
        sky.set("up", up.x * t, up.y * t, up.z * t);
        sky.set("horizon", BACKGROUND[0], BACKGROUND[1], BACKGROUND[2]);
        sky.set("zenith", ZENITH[0], ZENITH[1], ZENITH[2]);
        glBindVertexArray(skyVao);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        glDepthMask(true);
        glDepthFunc(GL_LESS);
    }

    /** The light's depth texture; drawn with back faces only, so lit faces do not shadow themselves. */
    private static final class ShadowMap {
        final int size, texture, fbo;

        ShadowMap(int size) {
            this.size = size;
            texture = glGenTextures();
            glBindTexture(GL_TEXTURE_2D, texture);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_DEPTH_COMPONENT24, size, size, 0, GL_DEPTH_COMPONENT, GL_FLOAT, (FloatBuffer) null);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_MODE, GL_COMPARE_REF_TO_TEXTURE);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_FUNC, GL_LEQUAL);
            glBindTexture(GL_TEXTURE_2D, 0);
            fbo = glGenFramebuffers();
            glBindFramebuffer(GL_FRAMEBUFFER, fbo);
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, texture, 0);
            glDrawBuffer(GL_NONE);
            glReadBuffer(GL_NONE);
            int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            if (status != GL_FRAMEBUFFER_COMPLETE) throw new IllegalStateException("shadow map framebuffer incomplete: 0x" + Integer.toHexString(status));
        }

        void begin() {
            glBindFramebuffer(GL_FRAMEBUFFER, fbo);
            glViewport(0, 0, size, size);
            glEnable(GL_DEPTH_TEST);
            glDepthMask(true);
            glClear(GL_DEPTH_BUFFER_BIT);
            glEnable(GL_CULL_FACE);
            glCullFace(GL_FRONT);
            glEnable(GL_POLYGON_OFFSET_FILL);
            glPolygonOffset(1.5f, 2f);
        }

        void end() {
            glDisable(GL_POLYGON_OFFSET_FILL);
            glCullFace(GL_BACK);
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
        }

        void close() {
            glDeleteFramebuffers(fbo);
            glDeleteTextures(texture);
        }
    }

    /** The multisampled colour and depth the scene is drawn into, resized with the window and resolved into it. */
    private static final class MultisampleTarget {
        final int samples, fbo, color, depth;
        int width, height;

        MultisampleTarget(int samples) {
            this.samples = samples;
            fbo = glGenFramebuffers();
            color = glGenRenderbuffers();
            depth = glGenRenderbuffers();
        }

        void bind(int w, int h) {
            glBindFramebuffer(GL_FRAMEBUFFER, fbo);
            if (w == width && h == height) return;
            width = w;
            height = h;
            glBindRenderbuffer(GL_RENDERBUFFER, color);
            glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, w, h);
            glBindRenderbuffer(GL_RENDERBUFFER, depth);
            glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH_COMPONENT24, w, h);
            glBindRenderbuffer(GL_RENDERBUFFER, 0);
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color);
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth);
            int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
            if (status != GL_FRAMEBUFFER_COMPLETE) throw new IllegalStateException("multisample framebuffer incomplete: 0x" + Integer.toHexString(status));
        }

        /** Averages the samples into the window's back buffer, which the HUD and screenshots then use. */
        void resolve(int x, int y, int w, int h) {
            glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
            glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
            glBlitFramebuffer(x, y, x + w, y + h, x, y, x + w, y + h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
        }

        void close() {
            glDeleteFramebuffers(fbo);
            glDeleteRenderbuffers(color);
            glDeleteRenderbuffers(depth);
        }
    }

    private static boolean translucent(Rgba c) {
        return c.a() < 0.999f;
    }

    /** A line as a square beam: the unit cube stretched along the segment, {@code width} across. */
    private void beam(Shape.Line l) {
        float w = Math.max(l.width(), 0.005f);
        float dy = l.y2() - l.y1(), len = length(l.x2() - l.x1(), dy, l.z2() - l.z1());
        // flat lines on the ground (lane markings, arrows) are thin slabs, not cubes
        float h = len > 1e-6f && Math.abs(dy / len) < 0.05f ? Math.min(w, 0.02f) : w;
        along(l.x1(), l.y1(), l.z1(), l.x2(), l.y2(), l.z2(), w, h);
    }

    private static float length(float dx, float dy, float dz) {
        return (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /**
     * The model matrix taking a unit mesh along x (cube, cylinder) onto the segment from 1 to 2:
     * {@code w} across it horizontally (so flat things stay flat on the ground), {@code h} across both.
     */
    private void along(float x1, float y1, float z1, float x2, float y2, float z2, float w, float h) {
        float dx = x2 - x1, dy = y2 - y1, dz = z2 - z1;
        float len = length(dx, dy, dz);
        if (len < 1e-6f) {
            model.translation(x1, y1, z1).scale(w);
            return;
        }
        float ax = dx / len, ay = dy / len, az = dz / len;
        // second axis: horizontal and perpendicular when possible, so flat lines stay flat on the ground
        float bx, by, bz;
        if (Math.abs(ay) < 0.99f) {
            bx = -az;
            by = 0;
            bz = ax;
        } else {
            bx = 1;
            by = 0;
            bz = 0;
        }
        float bn = (float) Math.sqrt(bx * bx + by * by + bz * bz);
        bx /= bn;
        by /= bn;
        bz /= bn;
        float cx = ay * bz - az * by, cy = az * bx - ax * bz, cz = ax * by - ay * bx;
        model.set(ax * len, ay * len, az * len, 0,
                bx * w, by * w, bz * w, 0,
                cx * h, cy * h, cz * h, 0,
                (x1 + x2) / 2, (y1 + y2) / 2, (z1 + z2) / 2, 1);
    }

    private int put(Matrix4f m, Rgba color) {
        if (instances.remaining() < INSTANCE_FLOATS) {
            FloatBuffer bigger = MemoryUtil.memAllocFloat(instances.capacity() * 2);
            instances.flip();
            bigger.put(instances);
            MemoryUtil.memFree(instances);
            instances = bigger;
        }
        m.get(instances.position(), instances);
        instances.position(instances.position() + 16);
        instances.put(color.r()).put(color.g()).put(color.b()).put(color.a());
        return 1;
    }

    private void ensureVertices(int floats) {
        if (vertices.capacity() >= floats) return;
        MemoryUtil.memFree(vertices);
        vertices = MemoryUtil.memAllocFloat(Math.max(floats, vertices.capacity() * 2));
    }

    private void drawSurfaces(Scene scene, Set<String> hidden, boolean translucent) {
        for (Shape s : scene.shapes()) {
            if (!(s instanceof Shape.Surface f) || hidden(hidden, f.tag())) continue;
            if (translucent(f.low()) != translucent) continue;
            int cols = f.cols(), rows = f.rows();
            if (cols < 2 || rows < 2 || f.heights().length < cols * rows) continue;
            float[] h = f.heights();
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < cols * rows; i++) {
                lo = Math.min(lo, h[i]);
                hi = Math.max(hi, h[i]);
            }
            float dx = f.width() / (cols - 1), dz = f.depth() / (rows - 1);
            int tris = (cols - 1) * (rows - 1) * 6;
            ensureVertices(tris * VERTEX_FLOATS_SURFACE);
            vertices.clear();
            int[] order = {0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0};
            for (int r = 0; r < rows - 1; r++) {
                for (int c = 0; c < cols - 1; c++) {
                    for (int k = 0; k < 6; k++) {
                        int cc = c + order[k * 2], rr = r + order[k * 2 + 1];
                        surfaceVertex(f, h, cc, rr, cols, rows, dx, dz, lo, hi);
                    }
                }
            }
            vertices.flip();
            glBindVertexArray(surfaceVao);
            glBindBuffer(GL_ARRAY_BUFFER, surfaceVbo);
            glBufferData(GL_ARRAY_BUFFER, vertices, GL_STREAM_DRAW);
            glVertexAttrib4f(3, 1, 0, 0, 0);
            glVertexAttrib4f(4, 0, 1, 0, 0);
            glVertexAttrib4f(5, 0, 0, 1, 0);
            glVertexAttrib4f(6, 0, 0, 0, 1);
            glVertexAttrib4f(7, 1, 1, 1, 1);
            glDrawArrays(GL_TRIANGLES, 0, tris);
        }
    }

    private void surfaceVertex(Shape.Surface f, float[] h, int c, int r, int cols, int rows, float dx, float dz, float lo, float hi) {
        float y = h[r * cols + c];
        float hl = h[r * cols + Math.max(0, c - 1)], hr = h[r * cols + Math.min(cols - 1, c + 1)];
        float hd = h[Math.max(0, r - 1) * cols + c], hu = h[Math.min(rows - 1, r + 1) * cols + c];
        float gx = (hr - hl) / (dx * (Math.min(cols - 1, c + 1) - Math.max(0, c - 1)));
        float gz = (hu - hd) / (dz * (Math.min(rows - 1, r + 1) - Math.max(0, r - 1)));
        float nx = -gx, ny = 1, nz = -gz;
        float n = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
        float t = hi > lo ? (y - lo) / (hi - lo) : 0.5f;
        Rgba col = f.low().mix(f.high(), t);
        vertices.put(f.x0() + c * dx).put(y).put(f.z0() + r * dz).put(nx / n).put(ny / n).put(nz / n)
                .put(col.r()).put(col.g()).put(col.b()).put(col.a());
    }

    private void drawPoints(Scene scene, Set<String> hidden, Matrix4f vp, int height) {
        boolean any = false;
        for (Shape s : scene.shapes()) {
            if (!(s instanceof Shape.Points p) || hidden(hidden, p.tag())) continue;
            if (!any) {
                flat.use();
                flat.set("viewProjection", vp);
                flat.set("pointScale", Camera.pixelsPerMetre(height));
                flat.set("roundPoints", 1);
                any = true;
            }
            int n = p.xyz().length / 3;
            ensureVertices(n * VERTEX_FLOATS_FLAT);
            vertices.clear();
            Rgba c = p.color();
            float[] xyz = p.xyz();
            for (int i = 0; i < n; i++) {
                vertices.put(xyz[3 * i]).put(xyz[3 * i + 1]).put(xyz[3 * i + 2]).put(c.r()).put(c.g()).put(c.b()).put(c.a());
            }
            vertices.flip();
            flat.set("pointSize", p.size());
            glBindVertexArray(flatVao);
            glBindBuffer(GL_ARRAY_BUFFER, flatVbo);
            glBufferData(GL_ARRAY_BUFFER, vertices, GL_STREAM_DRAW);
            glDrawArrays(GL_POINTS, 0, n);
        }
    }

    /**
     * Each image is one quad with its pixels uploaded into a shared texture just before it is
     * drawn: scenes carry a few dozen small images (8×8 digits), so re-uploading beats caching.
     */
    private void drawImages(Scene scene, Set<String> hidden, Matrix4f vp) {
        boolean any = false;
        for (Shape s : scene.shapes()) {
            if (!(s instanceof Shape.Image im) || hidden(hidden, im.tag())) continue;
            if (im.cols() < 1 || im.rows() < 1 || im.pixels().length < im.cols() * im.rows()) continue;
            if (!any) {
                textured.use();
                textured.set("viewProjection", vp);
                textured.set("image", 0);
                glActiveTexture(GL_TEXTURE0);
                glBindTexture(GL_TEXTURE_2D, imageTexture);
                glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
                glBindVertexArray(imageVao);
                glBindBuffer(GL_ARRAY_BUFFER, imageVbo);
                any = true;
            }
            glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, im.cols(), im.rows(), 0, GL_RED, GL_FLOAT, im.pixels());
            float x0 = im.x() - im.width() / 2, x1 = im.x() + im.width() / 2;
            float z0 = im.z() - im.depth() / 2, z1 = im.z() + im.depth() / 2, y = im.y();
            // texture row 0 is the image's first row, which lies at the far edge z0
            quad.clear();
            quad.put(x0).put(y).put(z0).put(0).put(0);
            quad.put(x0).put(y).put(z1).put(0).put(1);
            quad.put(x1).put(y).put(z1).put(1).put(1);
            quad.put(x0).put(y).put(z0).put(0).put(0);
            quad.put(x1).put(y).put(z1).put(1).put(1);
            quad.put(x1).put(y).put(z0).put(1).put(0);
            quad.flip();
            glBufferData(GL_ARRAY_BUFFER, quad, GL_STREAM_DRAW);
            glDrawArrays(GL_TRIANGLES, 0, 6);
        }
        if (any) glBindTexture(GL_TEXTURE_2D, 0);
    }

    /** A faint metre grid on the ground under the scene, so floating scenes have a floor. */
    private void drawGround(Bounds b, Matrix4f vp) {
        if (b.empty()) return;
        float size = Math.max(b.size(0), b.size(2));
        float step = size > 200 ? 10 : size > 40 ? 5 : size > 4 ? 1 : 0.25f;
        float margin = Math.max(step * 2, size * 0.25f);
        float x0 = (float) Math.floor((b.min[0] - margin) / step) * step, x1 = b.max[0] + margin;
        float z0 = (float) Math.floor((b.min[2] - margin) / step) * step, z1 = b.max[2] + margin;
        float y = Math.min(0, b.min[1]) - 0.002f;
        int nx = (int) ((x1 - x0) / step) + 1, nz = (int) ((z1 - z0) / step) + 1;
        if (nx + nz > 4000) return;
        ensureVertices((nx + nz) * 2 * VERTEX_FLOATS_FLAT);
        vertices.clear();
        float g = GRID_GREY;
        for (int i = 0; i < nx; i++) {
            float x = x0 + i * step;
            vertices.put(x).put(y).put(z0).put(g).put(g).put(g + 0.03f).put(1f);
            vertices.put(x).put(y).put(z1).put(g).put(g).put(g + 0.03f).put(1f);
        }
        for (int i = 0; i < nz; i++) {
            float z = z0 + i * step;
            vertices.put(x0).put(y).put(z).put(g).put(g).put(g + 0.03f).put(1f);
            vertices.put(x1).put(y).put(z).put(g).put(g).put(g + 0.03f).put(1f);
        }
        vertices.flip();
        flat.use();
        flat.set("viewProjection", vp);
        flat.set("roundPoints", 0);
        glBindVertexArray(flatVao);
        glBindBuffer(GL_ARRAY_BUFFER, flatVbo);
        glBufferData(GL_ARRAY_BUFFER, vertices, GL_STREAM_DRAW);
        glDrawArrays(GL_LINES, 0, (nx + nz) * 2);
    }

    @Override
    public void close() {
        cube.close();
        sphere.close();
        cylinder.close();
        glDeleteBuffers(surfaceVbo);
        glDeleteBuffers(flatVbo);
        glDeleteVertexArrays(surfaceVao);
        glDeleteVertexArrays(flatVao);
        glDeleteBuffers(imageVbo);
        glDeleteVertexArrays(imageVao);
        glDeleteTextures(imageTexture);
        if (shadowMap != null) shadowMap.close();
        if (liveShadowMap != shadowMap) liveShadowMap.close();
        if (this.target != null) this.target.close();
        glDeleteVertexArrays(skyVao);
        lit.close();
        depth.close();
        sky.close();
        flat.close();
        textured.close();
        MemoryUtil.memFree(quad);
        MemoryUtil.memFree(instances);
        MemoryUtil.memFree(vertices);
    }
}
