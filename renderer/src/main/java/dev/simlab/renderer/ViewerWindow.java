package dev.simlab.renderer;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.opengl.GL33C.*;

import dev.simlab.core.scene.Scene;
import dev.simlab.core.scene.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.opengl.GL;
import org.lwjgl.system.JNI;
import org.lwjgl.system.Library;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.SharedLibrary;

/**
 * The GLFW window and its frame loop: input, camera, scene pass, HUD pass, screenshots and
 * recorded frames. One job per class below it: {@link SceneRenderer} draws shapes,
 * {@link Hud} the overlay, {@link Camera} the view.
 */
public final class ViewerWindow implements AutoCloseable {
    /** Why the window closed. */
    public enum Outcome { SOURCE_DONE, FRAMES_DONE, CLOSED_BY_USER }

    private final Viewer viewer;
    private final long window;
    private final SceneRenderer renderer;
    private final Overlay2D overlay;
    private final Hud hud;
    private final HudLayer hudLayer;
    private final Camera camera = new Camera();
    private final Set<String> hidden = new HashSet<>(Set.of("visits"));
    private boolean showHud = !"false".equals(System.getProperty("simlab.viewer.hud"));
    private Scene scene;
    private Bounds bounds = new Bounds();
    private int width, height;
    private double lastX, lastY;
    private boolean dragOrbit, dragPan;
    private String flash = "";
    private long flashUntil;
    private boolean screenshotRequested;
    /** The grid view ({@code watch --view grid}): one viewport per run, each with its camera and HUD. */
    private final boolean grid;
    private final View[] views;
    /** The viewport the mouse was pressed in: it drags that one's camera. */
    private int activeView;
    private HudText.RunCurves runCurves;
    private int runCurveRows = -1;

    /** One run's viewport in the grid view. */
    private static final class View {
        final Camera camera = new Camera();
        final Hud hud;
        Scene scene;
        Bounds bounds = new Bounds();
        boolean autoFollowed;

        View(Hud hud) {
            this.hud = hud;
        }
    }

    /** The last error GLFW reported, for the message when the window cannot open. */
    private volatile String lastGlfwError;
    /** Whether the window is open: later GLFW errors are printed, in one line each. */
    private volatile boolean opened;

    ViewerWindow(Viewer viewer) {
        this.viewer = viewer;
        ViewerOptions o = viewer.options;
        grid = o.grid();
        views = grid ? new View[Viewer.GRID_MAX] : new View[0];
        requireDisplay();
        // LWJGL's printing callback writes a 17-line stack trace per GLFW error; keep the error for our own message instead
        GLFWErrorCallback.create((code, description) -> {
            lastGlfwError = GLFWErrorCallback.getDescription(description);
            if (opened) System.err.println("viewer: GLFW error: " + lastGlfwError);
        }).set();
        shareCoresWithTraining();
        // X11 only, when that is the display given: otherwise a failed X11 connection makes GLFW try
        // Wayland too, and libwayland prints a line of its own about XDG_RUNTIME_DIR
        if (isLinux() && isSet("DISPLAY") && !isSet("WAYLAND_DISPLAY")) glfwInitHint(GLFW_PLATFORM, GLFW_PLATFORM_X11);
        if (!glfwInit()) {
            freeErrorCallback();
            throw new WindowUnavailableException("no display: set DISPLAY or run under xvfb-run (GLFW could not use DISPLAY="
                    + System.getenv("DISPLAY") + (lastGlfwError == null ? "" : ": " + lastGlfwError) + ")");
        }
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        glfwWindowHint(GLFW_SAMPLES, 0); // the scene is multisampled in its own framebuffer (SceneRenderer), the HUD needs none
        glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
        window = glfwCreateWindow(o.width(), o.height(), o.title(), MemoryUtil.NULL, MemoryUtil.NULL);
        if (window == MemoryUtil.NULL) {
            glfwTerminate();
            freeErrorCallback();
            throw new WindowUnavailableException("cannot open an OpenGL 3.3 core window (software rendering needs Mesa: apt-get install libgl1-mesa-dri)"
                    + (lastGlfwError == null ? "" : "; GLFW: " + lastGlfwError));
        }
        opened = true;
        glfwMakeContextCurrent(window);
        GL.createCapabilities();
        glfwSwapInterval(0); // the loop paces itself; training never waits on vsync either
        int[] w = new int[1], h = new int[1];
        glfwGetFramebufferSize(window, w, h);
        width = w[0];
        height = h[0];
        glfwSetFramebufferSizeCallback(window, (win, fw, fh) -> {
            width = fw;
            height = fh;
        });
        glfwSetKeyCallback(window, (win, key, scancode, action, mods) -> {
            if (action != GLFW_RELEASE) key(key, mods);
        });
        glfwSetMouseButtonCallback(window, (win, button, action, mods) -> {
            boolean down = action == GLFW_PRESS;
            if (grid && down) activeView = Math.max(0, GridLayout.at(lastX, lastY, viewer.views(), width, height));
            if (button == GLFW_MOUSE_BUTTON_LEFT) {
                dragOrbit = down && (mods & GLFW_MOD_SHIFT) == 0;
                dragPan = down && (mods & GLFW_MOD_SHIFT) != 0;
            } else if (button == GLFW_MOUSE_BUTTON_RIGHT || button == GLFW_MOUSE_BUTTON_MIDDLE) {
                dragPan = down;
            }
        });
        glfwSetCursorPosCallback(window, (win, x, y) -> {
            double dx = x - lastX, dy = y - lastY;
            lastX = x;
            lastY = y;
            Camera cam = grid ? views[activeView].camera : camera;
            if (dragOrbit) {
                cam.orbit((float) (-dx * 0.008), (float) (dy * 0.008));
                if (cam.mode == Camera.Mode.CHASE || cam.mode == Camera.Mode.TOP_DOWN) cam.mode = Camera.Mode.FOLLOW;
            } else if (dragPan) {
                cam.pan((float) (dx / Math.max(1, height)), (float) (dy / Math.max(1, height)));
            }
        });
        glfwSetScrollCallback(window, (win, sx, sy) -> {
            int at = grid ? GridLayout.at(lastX, lastY, viewer.views(), width, height) : -1;
            (at >= 0 ? views[at].camera : camera).zoom((float) Math.pow(0.9, sy));
        });
        camera.mode = o.camera();
        autoFollowed = o.camera() != Camera.Mode.ORBIT;
        // a grid viewport has a fraction of the window's pixels: a shadow map of half the size keeps its texels as fine
        renderer = new SceneRenderer(grid ? SceneRenderer.SHADOW_MAP / 2 : SceneRenderer.SHADOW_MAP);
        // the grid's HUDs share a window with three to eight others: smaller text
        overlay = new Overlay2D(new GlyphAtlas(grid ? Math.max(11, Math.round(o.height() / 64f)) : Math.max(13, Math.round(o.height() / 48f))));
        hud = new Hud(overlay);
        hudLayer = grid ? null : new HudLayer(); // the grid view draws its HUDs every frame
        for (int i = 0; i < views.length; i++) {
            views[i] = new View(new Hud(overlay));
            views[i].camera.mode = o.camera();
            views[i].autoFollowed = o.camera() != Camera.Mode.ORBIT;
        }
    }

    /**
     * Rendering must never slow training. The window thread lowers its own scheduling priority
     * (10 nicer than the process; Linux threads have their own), which the driver's threads created from it
     * inherit: when the cores are contended, training threads win; when a core is idle, the
     * viewer still gets all of it. And Mesa's software rasteriser (llvmpipe, what Xvfb and
     * GPU-less machines use) starts one thread per core unless told otherwise: unless the user
     * set LP_NUM_THREADS, it gets half the cores. GPU drivers ignore the variable.
     */
    /**
     * Refuses at once, in one line, when there is no display to open a window on. Without DISPLAY
     * (or WAYLAND_DISPLAY) GLFW would fail anyway, after libwayland and LWJGL printed lines of
     * their own; the check is for Linux, where those two variables are how a window finds its screen.
     */
    public static void requireDisplay() {
        if (!isLinux() || isSet("DISPLAY") || isSet("WAYLAND_DISPLAY")) return;
        throw new WindowUnavailableException("no display: set DISPLAY or run under xvfb-run (apt-get install xvfb; "
                + "xvfb-run -s '-screen 0 1920x1080x24' simlab ...)");
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    private static boolean isSet(String variable) {
        String v = System.getenv(variable);
        return v != null && !v.isBlank();
    }

    private static void freeErrorCallback() {
        GLFWErrorCallback cb = glfwSetErrorCallback(null);
        if (cb != null) cb.free();
    }

    private static void shareCoresWithTraining() {
        try (SharedLibrary libc = Library.loadNative(ViewerWindow.class, "org.lwjgl", "libc.so.6");
             MemoryStack stack = MemoryStack.stackPush()) {
            long gettid = libc.getFunctionAddress("gettid");
            long getpriority = libc.getFunctionAddress("getpriority");
            long setpriority = libc.getFunctionAddress("setpriority");
            if (gettid != MemoryUtil.NULL && getpriority != MemoryUtil.NULL && setpriority != MemoryUtil.NULL) {
                int tid = JNI.invokeI(gettid);
                int nice = JNI.invokeI(0 /* PRIO_PROCESS: with a thread id, that thread */, tid, getpriority);
                JNI.invokeI(0, tid, Math.min(19, nice + VIEWER_NICE), setpriority);
            }
            long setenv = libc.getFunctionAddress("setenv");
            if (System.getenv("LP_NUM_THREADS") == null && setenv != MemoryUtil.NULL) {
                String threads = Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
                JNI.invokePPI(MemoryUtil.memAddress(stack.ASCII("LP_NUM_THREADS")), MemoryUtil.memAddress(stack.ASCII(threads)), 0, setenv);
            }
        } catch (Throwable notGlibc) {
            // not Linux/glibc: the defaults stay
        }
    }

    /** How much nicer than training the window thread is (19 is the lowest priority); {@code -Dsimlab.viewer.nice=0} turns the yielding off. */
    static final int VIEWER_NICE = Integer.getInteger("simlab.viewer.nice", 10);

    private void key(int key, int mods) {
        switch (key) {
            case GLFW_KEY_ESCAPE, GLFW_KEY_Q -> glfwSetWindowShouldClose(window, true);
            case GLFW_KEY_SPACE -> viewer.togglePause();
            case GLFW_KEY_N, GLFW_KEY_RIGHT -> viewer.singleStep();
            case GLFW_KEY_EQUAL, GLFW_KEY_KP_ADD, GLFW_KEY_UP -> viewer.changeSpeed(-1);
            case GLFW_KEY_MINUS, GLFW_KEY_KP_SUBTRACT, GLFW_KEY_DOWN -> viewer.changeSpeed(1);
            case GLFW_KEY_0 -> viewer.unlimitedSpeed();
            case GLFW_KEY_H -> toggle("value", "value heat-map");
            case GLFW_KEY_P -> toggle("policy-arrow", "policy arrows");
            case GLFW_KEY_V -> toggle("visits", "visit counts");
            case GLFW_KEY_U -> showHud = !showHud;
            case GLFW_KEY_C -> {
                camera.mode = camera.mode.next();
                for (View v : views) v.camera.mode = camera.mode; // the grid's viewports switch together
                say("camera: " + camera.mode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            case GLFW_KEY_F -> {
                camera.mode = camera.mode == Camera.Mode.FOLLOW ? Camera.Mode.ORBIT : Camera.Mode.FOLLOW;
                for (View v : views) v.camera.mode = camera.mode;
                say("camera: " + camera.mode.name().toLowerCase(Locale.ROOT));
            }
            case GLFW_KEY_R -> {
                camera.mode = Camera.Mode.ORBIT;
                camera.reset();
                camera.frame(bounds, aspect(), scene == null ? null : scene.focus(), scene == null ? 0 : scene.extent());
                for (int i = 0; i < views.length; i++) {
                    View v = views[i];
                    v.camera.mode = Camera.Mode.ORBIT;
                    v.camera.reset();
                    int[] c = GridLayout.cell(i, viewer.views(), width, height);
                    if (v.scene != null) v.camera.frame(v.bounds, c[2] / (float) Math.max(1, c[3]), v.scene.focus(), v.scene.extent());
                }
            }
            case GLFW_KEY_TAB -> viewer.nextRun();
            case GLFW_KEY_S, GLFW_KEY_F12 -> screenshotRequested = true;
            default -> { }
        }
    }

    private void toggle(String tag, String what) {
        if (!hidden.remove(tag)) hidden.add(tag);
        say(what + (hidden.contains(tag) ? " off" : " on"));
    }

    private void say(String message) {
        flash = message;
        flashUntil = System.nanoTime() + 2_000_000_000L;
    }

    Outcome loop(BooleanSupplier sourceDone) throws InterruptedException {
        ViewerOptions o = viewer.options;
        FrameStats stats = new FrameStats();
        liveStats = stats;
        viewer.recorded(stats);
        long frameNanos = o.fps() > 0 ? (long) (1e9 / o.fps()) : 0;
        long next = System.nanoTime();
        int frames = 0;
        Outcome outcome = Outcome.CLOSED_BY_USER;
        EpisodeRecorder recorder = viewer.recorder();
        while (!glfwWindowShouldClose(window)) {
            long t0 = System.nanoTime();
            glfwPollEvents();
            boolean done = sourceDone.getAsBoolean();
            if (grid) takeGridScenes();
            Scene s = grid ? views[0].scene : viewer.takeScene();
            if (s != null && s != scene && grid) {
                scene = s;
            } else if (s != null && s != scene) {
                scene = s;
                bounds = Bounds.of(s);
                camera.frame(bounds, aspect(), s.focus(), s.extent());
                camera.track(s.focus(), s.extent());
                followIfFocusLeaves(s);
            }
            if (recorder != null) drainRecording(recorder, done ? Integer.MAX_VALUE : 4);
            drawFrame(stats, done || o.frames() > 0 && frames + 1 >= o.frames() || screenshotRequested);
            frames++;
            boolean last = o.frames() > 0 ? frames >= o.frames() : done && !o.keepOpen() && viewer.recordQueue.isEmpty();
            if (screenshotRequested) {
                screenshotRequested = false;
                Path file = Path.of("simlab-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")) + ".png");
                writePng(file);
                say("saved " + file);
            }
            if (last && o.screenshot() != null) writePng(o.screenshot());
            if (ADAPTIVE && renderer.quality > 0 && frames % ADAPT_FRAMES == 0) lowerQualityIfSlow(stats, frameNanos);
            glfwSwapBuffers(window);
            long t1 = System.nanoTime();
            stats.frame(t1, (t1 - t0) / 1e6);
            if (last) {
                outcome = o.frames() > 0 ? Outcome.FRAMES_DONE : Outcome.SOURCE_DONE;
                break;
            }
            if (frameNanos > 0) {
                next += frameNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                // a late frame is made up by the next ones, so the cap is also the mean rate when the
                // machine can keep it on average; after a stall of over CATCH_UP_NANOS (a GC, a window
                // drag) the timeline restarts rather than bursting through the backlog
                else if (wait < -CATCH_UP_NANOS) next = System.nanoTime();
            }
        }
        if (PROFILE) System.err.printf(Locale.ROOT, "profile: scene %.2f ms, hud build %.2f ms, hud draw %.2f ms per frame%n",
                profile[0] / profile[3], profile[1] / profile[3], profile[2] / profile[3]);
        if (recorder != null) {
            drainRecording(recorder, Integer.MAX_VALUE);
            recorder.close();
        }
        return outcome;
    }

    static final boolean PROFILE = Boolean.getBoolean("simlab.viewer.profile");
    /** Whether the single view caches its HUD ({@link HudLayer}); {@code -Dsimlab.viewer.hud-layer=false} draws it every frame. */
    static final boolean HUD_LAYER = !"false".equals(System.getProperty("simlab.viewer.hud-layer"));
    /** Whether the look steps down when frames are too slow ({@code -Dsimlab.viewer.adaptive=false}: never). */
    static final boolean ADAPTIVE = !"false".equals(System.getProperty("simlab.viewer.adaptive"));

    /**
     * When the median draw time of the last {@link #ADAPT_FRAMES} frames is over the frame budget (the cap's
     * interval, or 1/30 s uncapped), the live view drops multisampling, then shadows: on a loaded
     * software rasteriser each costs about a third of a frame. It never steps back up, so the
     * picture does not flicker between looks.
     */
    private void lowerQualityIfSlow(FrameStats stats, long frameNanos) {
        double budget = (frameNanos > 0 ? frameNanos : 33_333_333L) / 1e6;
        if (stats.recentWorkMedian(ADAPT_FRAMES) <= budget) return;
        renderer.quality--;
        say(renderer.quality == 1 ? "anti-aliasing off to keep the frame rate" : "shadows off to keep the frame rate");
    }
    /**
     * Frames between two looks at the draw time, and how many the median covers: a quarter second
     * at the cap. It was 30 from frame 60, which kept a slow full look for the first 3 s, half
     * of a short run's window (a 20M-step gridworld or a 6,000-step cart-pole); a median over 15
     * frames still ignores the few slow first frames that compile shaders.
     */
    static final int ADAPT_FRAMES = 15;
    /** How far behind its frame timeline the viewer may fall and still catch up (a quarter second). */
    static final long CATCH_UP_NANOS = 250_000_000L;
    final double[] profile = new double[4];

    /** Each viewport's newest scene; a new one reframes (the first time) and moves its camera. */
    private void takeGridScenes() {
        int n = viewer.views();
        for (int i = 0; i < n; i++) {
            View v = views[i];
            Scene s = viewer.takeScene(i);
            if (s == null || s == v.scene) continue;
            v.scene = s;
            v.bounds = Bounds.of(s);
            int[] c = GridLayout.cell(i, n, width, height);
            v.camera.frame(v.bounds, c[2] / (float) Math.max(1, c[3]), s.focus(), s.extent());
            v.camera.track(s.focus(), s.extent());
            if (!v.autoFollowed && focusLeft(v.camera, s, c[2], c[3])) {
                v.autoFollowed = true;
                v.camera.mode = Camera.Mode.FOLLOW;
            }
        }
    }

    /**
     * The grid view: each run's scene and HUD in its viewport, a line between viewports, and under
     * them every run's learning curve with their mean.
     */
    private void drawGrid(FrameStats stats) {
        int n = viewer.views();
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glViewport(0, 0, width, height);
        glClearColor(0.08f, 0.09f, 0.12f, 1);
        glClear(GL_COLOR_BUFFER_BIT); // the curve strip has no scene under it
        String message = System.nanoTime() < flashUntil ? flash : "";
        for (int i = 0; i < n; i++) {
            View v = views[i];
            int[] c = GridLayout.cell(i, n, width, height);
            renderer.draw(v.scene, v.camera, c[0], height - c[1] - c[3], c[2], c[3], width, height, hidden, v.bounds);
            overlay.origin(c[0], c[1]);
            labels(v.camera, c[2], c[3]);
            if (showHud) v.hud.draw(v.scene, viewer, stats, v.camera, c[2], c[3], i == 0 ? message : "");
            float[] edge = {0.08f, 0.09f, 0.12f, 1};
            overlay.rect(c[2] - 1, 0, 2, c[3], edge);
            overlay.rect(0, c[3] - 1, c[2], 2, edge);
        }
        int strip = GridLayout.panelHeight(height);
        overlay.origin(0, height - strip);
        hud.runCurves(runCurves(n), width, strip);
        overlay.origin(0, 0);
        glViewport(0, 0, width, height); // the overlay is in window pixels; the last viewport was one run's
        overlay.flush(width, height);
    }

    /** The curve panel's data, recomputed only when a run has written a row. */
    private HudText.RunCurves runCurves(int n) {
        java.util.List<RunHistory> histories = new java.util.ArrayList<>();
        int rows = 0;
        for (int i = 0; i < n; i++) {
            histories.add(viewer.history(i));
            rows += viewer.history(i).rows();
        }
        if (runCurves == null || rows != runCurveRows || runCurves.runs().size() != n) {
            boolean gan = views[0].scene != null && views[0].scene.model() instanceof dev.simlab.core.scene.HudModel.Gan;
            runCurves = HudText.runCurves(histories, gan, 600);
            runCurveRows = rows;
        }
        return runCurves;
    }

    /**
     * One frame of the single view: the scene, its labels, and the HUD, drawn afresh when
     * {@code freshHud} (final frames, screenshots) or when the {@link HudLayer}'s refresh time came,
     * else composited from its last drawing.
     */
    private void drawFrame(FrameStats stats, boolean freshHud) {
        if (grid) {
            drawGrid(stats);
            return;
        }
        long a = System.nanoTime();
        renderer.draw(scene, camera, width, height, hidden, bounds);
        if (PROFILE) glFinish();
        long b = System.nanoTime();
        labels();
        String message = System.nanoTime() < flashUntil ? flash : "";
        long c;
        if (showHud && HUD_LAYER && !hudDirect) {
            overlay.flush(width, height); // the labels, which move with the scene
            long now = System.nanoTime();
            if (freshHud || hudLayer.stale(width, height, message, now)) {
                hudLayer.draw(overlay, width, height, message, now, () -> hud.draw(scene, viewer, stats, camera, width, height, message));
            }
            c = System.nanoTime();
            hudLayer.composite();
        } else {
            if (showHud) hud.draw(scene, viewer, stats, camera, width, height, message);
            c = System.nanoTime();
            overlay.flush(width, height); // labels and HUD in one draw
        }
        if (PROFILE) glFinish();
        long d = System.nanoTime();
        profile[0] += (b - a) / 1e6;
        profile[1] += (c - b) / 1e6;
        profile[2] += (d - c) / 1e6;
        profile[3]++;
    }

    private boolean autoFollowed;
    private FrameStats liveStats;
    private boolean hudDirect;

    /**
     * For tests: how many pixels differ by more than {@code tolerance} in some colour channel between
     * the frame with its HUD composited from the {@link HudLayer} and the same frame with the HUD drawn
     * straight into the window.
     */
    int hudLayerDifference(int tolerance) {
        drawFrame(liveStats, true);
        drawFrame(liveStats, false); // composited from the texture drawn in the frame before
        BufferedImage layered = readPixels();
        hudDirect = true;
        drawFrame(liveStats, true);
        hudDirect = false;
        BufferedImage direct = readPixels();
        int differ = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int a = layered.getRGB(x, y), b = direct.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > tolerance) {
                        differ++;
                        break;
                    }
                }
            }
        }
        return differ;
    }

    /**
     * A scene whose focus drives out of the picture (a car down a 10 km road) switches the
     * orbit camera to follow it, once; the user can switch back with c or f.
     */
    private void followIfFocusLeaves(Scene s) {
        if (autoFollowed || !focusLeft(camera, s, width, height)) return;
        autoFollowed = true;
        camera.mode = Camera.Mode.FOLLOW;
        say("camera: follow");
    }

    /** Whether an orbit camera's picture ({@code width × height}) has lost the scene's focus. */
    private static boolean focusLeft(Camera camera, Scene s, int width, int height) {
        if (camera.mode != Camera.Mode.ORBIT || s.focus() == null) return false;
        camera.viewProjection(width / (float) Math.max(1, height));
        float[] p = camera.project(s.focus()[0], s.focus()[1], s.focus()[2], width, height);
        return p == null || p[0] < 0.05f * width || p[0] > 0.95f * width || p[1] < 0.05f * height || p[1] > 0.95f * height;
    }

    private float aspect() {
        return width / (float) Math.max(1, height);
    }

    /** Labels anchored in the world (visit counts, names), written over the scene. */
    private void labels() {
        labels(camera, width, height);
    }

    private void labels(Camera camera, int width, int height) {
        for (Shape.Label l : renderer.labels) {
            float[] p = camera.project(l.x(), l.y(), l.z(), width, height);
            if (p == null) continue;
            float w = overlay.atlas.width(l.text());
            overlay.text(l.text(), p[0] - w / 2, p[1] - overlay.atlas.lineHeight / 2f,
                    new float[] {l.color().r(), l.color().g(), l.color().b(), l.color().a()});
        }
    }

    /** Renders queued episode frames into the back buffer and reads them back; the live frame is drawn over them. */
    private void drainRecording(EpisodeRecorder recorder, int budget) {
        for (int i = 0; i < budget; i++) {
            if (budget != Integer.MAX_VALUE && recorder.backlog() > 64) return;
            Object item = viewer.recordQueue.poll();
            if (item == null) return;
            if (item instanceof Viewer.ClipStart start) {
                recorder.begin(start.episodeId());
            } else if (item == Viewer.CLIP_END) {
                recorder.end();
            } else if (item instanceof Scene s && recorder.recording()) {
                Bounds b = Bounds.of(s);
                camera.frame(b, aspect(), s.focus(), s.extent()); // the live view's camera, as the user set it (frames it if nothing was shown yet)
                renderer.forceFull(true);
                renderer.draw(s, camera, width, height, hidden, b);
                renderer.forceFull(false);
                labels();
                hud.draw(s, viewer, null, camera, width, height, "recording");
                overlay.flush(width, height);
                recorder.add(readPixels());
            }
        }
    }

    /** The back buffer as an image (what the next swap will show). */
    BufferedImage readPixels() {
        glFinish();
        ByteBuffer buf = MemoryUtil.memAlloc(width * height * 4);
        try {
            glPixelStorei(GL_PACK_ALIGNMENT, 1);
            glReadBuffer(GL_BACK);
            glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, buf);
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                int base = (height - 1 - y) * width * 4; // GL's rows start at the bottom
                for (int x = 0; x < width; x++) {
                    int i = base + x * 4;
                    row[x] = ((buf.get(i) & 0xFF) << 16) | ((buf.get(i + 1) & 0xFF) << 8) | (buf.get(i + 2) & 0xFF);
                }
                img.setRGB(0, y, width, 1, row, 0, width);
            }
            return img;
        } finally {
            MemoryUtil.memFree(buf);
        }
    }

    private void writePng(Path file) {
        if (renderer.quality < 2) {
            // the picture gets the full look even when the live view is cut down
            renderer.forceFull(true);
            long until = flashUntil;
            flashUntil = 0; // nor the message that the live view dropped part of it
            drawFrame(liveStats, true);
            flashUntil = until;
            renderer.forceFull(false);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Screenshot.write(readPixels(), file, describe());
        } catch (IOException e) {
            throw new UncheckedIOException("screenshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** The HUD's fields for a screenshot's description: the scene's, or in the grid each run's, one block after another. */
    private String describe() {
        if (!grid) return scene == null ? "" : Screenshot.describe(scene);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < viewer.views(); i++) {
            if (views[i].scene == null) continue;
            if (b.length() > 0) b.append("\n\n");
            b.append(Screenshot.describe(views[i].scene));
        }
        return b.toString();
    }

    Camera camera() {
        return camera;
    }

    /** Window coordinates of a world point in the last frame (tests compare pixels there). */
    public float[] project(float x, float y, float z) {
        return camera.project(x, y, z, width, height);
    }

    @Override
    public void close() {
        renderer.close();
        overlay.atlas.close();
        overlay.close();
        if (hudLayer != null) hudLayer.close();
        glfwDestroyWindow(window);
        glfwTerminate();
        freeErrorCallback();
    }
}
