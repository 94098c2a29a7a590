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
        String fps = stats == null || Double.isNaN(stats.meanFps()) ? "–" : String.format(Locale.ROOT, "%.0f", recentFps(stats));
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

        String help = "space pause · n step · +/- speed · h/p/v overlays · c camera · drag orbit · shift-drag pan · wheel zoom · s screenshot";
        if (a.width(help) < width - pad * 4) o.text(help, pad * 2, height - line - pad, DIM);
        if (!message.isEmpty()) {
            float w = a.width(message);
            o.rect(width / 2f - w / 2 - pad, pad, w + pad * 2, line + pad, PANEL);
            o.text(message, width / 2f - w / 2, pad * 1.5f, message.equals("recording") ? RED : ACCENT);
        }
    }

    private HudModel sparkModel;
    private RunHistory sparkHistory;
    private HudText.Sparkline spark;

    /** The sparkline changes only with the model's row count: computed once per new row, not per frame. */
    private HudText.Sparkline sparkline(HudModel model, RunHistory history) {
        if (spark == null || history != sparkHistory || model == null || sparkModel == null
                || model.rows() != sparkModel.rows() || model.run() != sparkModel.run() || model.getClass() != sparkModel.getClass()) {
            spark = HudText.sparkline(model, history, SPARK_POINTS);
            sparkModel = model;
            sparkHistory = history;
        }
        return spark;
    }

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
            float width = rl && c == 0 ? 1 : 2;
            float px = 0, py = 0;
            for (int i = 0; i < r.length; i++) {
                float cx = x + w * i / Math.max(1, r.length - 1);
                float cy = y + h - (float) ((r[i] - s.lo()) / (s.hi() - s.lo())) * h;
                if (i > 0) o.line(px, py, cx, cy, width, colour);
                px = cx;
                py = cy;
            }
            if (!rl) o.text(s.names().get(c), x + 4, y + 4 + c * o.atlas.lineHeight, colour);
        }
        o.text(s.high(), x + w - o.atlas.width(s.high()) - 2, y, DIM);
        o.text(s.low(), x + w - o.atlas.width(s.low()) - 2, y + h - o.atlas.lineHeight, DIM);
    }
}
