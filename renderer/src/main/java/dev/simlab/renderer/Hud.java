package dev.simlab.renderer;

import dev.simlab.core.scene.HudModel;
import dev.simlab.core.scene.Scene;
import java.util.List;
import java.util.Locale;

/**
 * The heads-up display: the scene's named numbers (run, episode, step, return, ε…), training
 * steps/s measured from the step counter, the frame rate, the simulation speed and a sparkline
 * of what the scene's run records ({@link HudText}). Drawn into the {@link Overlay2D} batch.
 */
final class Hud {
    private static final float[] PANEL = {0.08f, 0.09f, 0.12f, 0.72f};
    private static final float[] TEXT = {0.95f, 0.96f, 0.98f, 1};
    private static final float[] DIM = {0.70f, 0.74f, 0.80f, 1};
    private static final float[] ACCENT = {1.0f, 0.78f, 0.20f, 1};
    private static final float[] CURVE = {0.35f, 0.78f, 1.0f, 1};
    private static final float[] CURVE_RAW = {0.35f, 0.78f, 1.0f, 0.30f};
    private static final float[] RED = {1.0f, 0.35f, 0.30f, 1};

    private final Overlay2D o;
    private double lastStep = Double.NaN;
    private long lastStepNanos;
    private double stepsPerSecond = Double.NaN;
    private Scene lastScene;
    private String rateName = "steps/s";

    Hud(Overlay2D overlay) {
        this.o = overlay;
    }

    void draw(Scene scene, Viewer viewer, FrameStats stats, Camera camera, int width, int height, String message) {
        GlyphAtlas a = o.atlas;
        float line = a.lineHeight;
        float pad = line * 0.5f;
        float x = pad * 2, y = pad * 2;
        float panelW = a.size * 17f;
        List<HudText.Row> rows = scene == null ? List.of() : HudText.rows(scene);
        int lines = 2 + Math.max(1, rows.size());
        float sparkH = line * 3.2f;
        float panelH = pad * 2 + lines * line + sparkH + line * 2.4f;
        o.beginRegion();
        o.rect(x - pad, y - pad, panelW, panelH, PANEL);
        if (scene == null) {
            o.text("waiting for the first scene…", x, y, DIM);
            y += line;
        } else {
            measureSpeed(scene);
            for (HudText.Row row : rows) {
                o.text(row.label(), x, y, DIM);
                o.text(row.value(), x + panelW - pad * 3 - a.width(row.value()), y, TEXT);
                y += line;
            }
        }
        String sps = Double.isNaN(stepsPerSecond) ? "–" : String.format(Locale.ROOT, "%,.0f", stepsPerSecond);
        o.text(rateName, x, y, DIM);
        o.text(sps, x + panelW - pad * 3 - a.width(sps), y, TEXT);
        y += line;
        double rate = stats == null || Double.isNaN(stats.meanFps()) ? Double.NaN : recentFps(stats);
        // one decimal below 10, so a crawl on a loaded machine reads 0.4, not 0
        String fps = Double.isNaN(rate) ? "–" : String.format(Locale.ROOT, rate < 10 ? "%.1f" : "%.0f", rate);
        o.text("frames/s", x, y, DIM);
        o.text(fps, x + panelW - pad * 3 - a.width(fps), y, TEXT);
        y += line * 1.2f;
        HudModel model = scene == null ? null : scene.model();
        HudText.Sparkline spark = sparkline(model, viewer.history(model == null ? viewer.viewedRun() : model.run()));
        o.text(spark.title(), x, y, DIM);
        y += line;
        sparkline(spark, x, y, panelW - pad * 3, sparkH);
        y += sparkH + line * 0.2f;

        // status line: speed, pause, camera
        String status = model != null && model.done() ? "training done · Esc closes"
                : (viewer.paused() ? "PAUSED  " : "") + "speed " + viewer.speedLabel() + (viewer.recording() ? "  ● rec" : "");
        o.text(status, x, y, viewer.paused() ? ACCENT : DIM);
        o.endRegion();

        String help = "space pause · n step · +/- speed · h/p/v overlays · c camera · drag orbit · shift-drag pan · wheel zoom · s screenshot";
        if (a.width(help) < width - pad * 4) {
            o.beginRegion();
            o.text(help, pad * 2, height - line - pad, DIM);
            o.endRegion();
        }
        if (!message.isEmpty()) {
            float w = a.width(message);
            o.beginRegion();
            o.rect(width / 2f - w / 2 - pad, pad, w + pad * 2, line + pad, PANEL);
            o.text(message, width / 2f - w / 2, pad * 1.5f, message.equals("recording") ? RED : ACCENT);
            o.endRegion();
        }
    }

    private HudModel sparkModel;
    private RunHistory sparkHistory;
    private HudText.Sparkline spark;

    private long sparkNanos;

    /**
     * The sparkline changes only with the model's row count, and is recomputed from the run's
     * history at most every {@link #SPARK_REFRESH_NANOS} while rows arrive: a fast tabular run
     * writes rows every frame, and bucketing a million episodes' returns each frame took a
     * quarter of the frame budget. A finished run's sparkline is always its last row's.
     */
    private HudText.Sparkline sparkline(HudModel model, RunHistory history) {
        long now = System.nanoTime();
        boolean other = spark == null || history != sparkHistory || model == null || sparkModel == null
                || model.run() != sparkModel.run() || model.getClass() != sparkModel.getClass();
        boolean newRows = !other && model.rows() != sparkModel.rows();
        if (other || newRows && (model.done() || now - sparkNanos >= SPARK_REFRESH_NANOS)) {
            spark = HudText.sparkline(model, history, SPARK_POINTS);
            sparkModel = model;
            sparkHistory = history;
            sparkNanos = now;
        }
        return spark;
    }

    /** A fifth of a second: five sparkline updates a second are smooth to the eye. */
    static final long SPARK_REFRESH_NANOS = 200_000_000L;

    static final int SPARK_POINTS = 240;

    private double lastFpsFrames, lastFpsValue = Double.NaN;
    private long lastFpsNanos;

    /** Frame rate over the last half second, steadier than one frame's interval. */
    private double recentFps(FrameStats stats) {
        long now = System.nanoTime();
        if (lastFpsNanos == 0) {
            lastFpsNanos = now;
            lastFpsFrames = stats.frames();
            return stats.meanFps();
        }
        if (now - lastFpsNanos > 500_000_000L) {
            lastFpsValue = (stats.frames() - lastFpsFrames) / ((now - lastFpsNanos) / 1e9);
            lastFpsNanos = now;
            lastFpsFrames = stats.frames();
        }
        return Double.isNaN(lastFpsValue) ? stats.meanFps() : lastFpsValue;
    }

    private void measureSpeed(Scene scene) {
        if (scene == lastScene) return;
        lastScene = scene;
        double count;
        if (scene.model() instanceof HudModel.Rl rl) {
            rateName = "steps/s";
            count = rl.envSteps();
        } else if (scene.model() instanceof HudModel.Gan gan) {
            rateName = "iterations/s";
            count = gan.iteration();
        } else {
            return;
        }
        long now = System.nanoTime();
        if (!Double.isNaN(lastStep) && now - lastStepNanos > 250_000_000L) {
            double sps = (count - lastStep) / ((now - lastStepNanos) / 1e9);
            if (sps >= 0) stepsPerSecond = Double.isNaN(stepsPerSecond) ? sps : 0.5 * stepsPerSecond + 0.5 * sps;
            lastStep = count;
            lastStepNanos = now;
        } else if (Double.isNaN(lastStep)) {
            lastStep = count;
            lastStepNanos = now;
        }
    }

    private static final float[][] CURVES = {CURVE_RAW, CURVE, {1.0f, 0.55f, 0.35f, 1}, {0.55f, 0.9f, 0.45f, 1}};

    private void sparkline(HudText.Sparkline s, float x, float y, float w, float h) {
        o.rect(x, y, w, h, new float[] {1, 1, 1, 0.06f});
        if (s.empty()) return;
        boolean rl = s.names().size() == 2 && s.names().get(1).equals("moving average");
        for (int c = 0; c < s.curves().size(); c++) {
            double[] r = s.curves().get(c);
            float[] colour = rl ? (c == 0 ? CURVE_RAW : CURVE) : CURVES[(c + 1) % CURVES.length];
            curve(r, r.length, s.lo(), s.hi(), x, y, w, h, rl && c == 0 ? 1 : 2, colour);
            if (!rl) o.text(s.names().get(c), x + 4, y + 4 + c * o.atlas.lineHeight, colour);
        }
        o.text(s.high(), x + w - o.atlas.width(s.high()) - 2, y, DIM);
        o.text(s.low(), x + w - o.atlas.width(s.low()) - 2, y + h - o.atlas.lineHeight, DIM);
    }

    /** One colour per run in the grid's curve panel (run 0 first); the mean is drawn white over them. */
    static final float[][] RUN_COLOURS = {{0.35f, 0.78f, 1.0f, 0.9f}, {1.0f, 0.55f, 0.35f, 0.9f}, {0.55f, 0.9f, 0.45f, 0.9f},
        {0.95f, 0.45f, 0.85f, 0.9f}, {1.0f, 0.85f, 0.3f, 0.9f}, {0.6f, 0.6f, 1.0f, 0.9f}, {0.4f, 0.95f, 0.85f, 0.9f},
        {0.95f, 0.35f, 0.4f, 0.9f}, {0.8f, 0.8f, 0.8f, 0.9f}};
    private static final float[] MEAN = {1, 1, 1, 1};

    /**
     * The grid view's learning-curve panel, {@code width × height} pixels at the overlay's origin:
     * every run's curve in its colour (named as each viewport's HUD names its run) and the mean over them.
     */
    void runCurves(HudText.RunCurves c, float width, float height) {
        GlyphAtlas a = o.atlas;
        float line = a.lineHeight, pad = line * 0.5f;
        o.rect(0, 0, width, height, PANEL);
        o.text(c.title(), pad * 2, pad, DIM);
        float legend = pad * 2 + a.width(c.title()) + line;
        for (int r = 0; r < c.runs().size(); r++) {
            String name = "run " + r;
            o.text(name, legend, pad, RUN_COLOURS[r % RUN_COLOURS.length]);
            legend += a.width(name) + line * 0.6f;
        }
        o.text("mean", legend, pad, MEAN);
        float x = pad * 2, y = pad + line * 1.2f, w = width - pad * 5 - Math.max(a.width(c.high()), a.width(c.low())), h = height - y - pad * 2;
        o.rect(x, y, w, h, new float[] {1, 1, 1, 0.06f});
        if (c.empty()) return;
        int longest = 0;
        for (double[] r : c.runs()) longest = Math.max(longest, r.length);
        for (int r = 0; r < c.runs().size(); r++) curve(c.runs().get(r), longest, c.lo(), c.hi(), x, y, w, h, 1.5f, RUN_COLOURS[r % RUN_COLOURS.length]);
        curve(c.mean(), longest, c.lo(), c.hi(), x, y, w, h, 3, MEAN);
        o.text(c.high(), x + w + pad, y, DIM);
        o.text(c.low(), x + w + pad, y + h - line, DIM);
    }

    /** A curve in the box (x, y, w, h) whose point i lies at i / (longest - 1) of the width: every run on the same episode axis. */
    private void curve(double[] r, int longest, double lo, double hi, float x, float y, float w, float h, float thickness, float[] colour) {
        float px = 0, py = 0;
        for (int i = 0; i < r.length; i++) {
            float cx = x + w * i / Math.max(1, longest - 1);
            // clipped to the box (the grid's panel fits its axis to the last 90% of the curves)
            float cy = y + h - (float) Math.max(0, Math.min(1, (r[i] - lo) / (hi - lo))) * h;
            if (i > 0) o.line(px, py, cx, cy, thickness, colour);
            px = cx;
            py = cy;
        }
    }
}
