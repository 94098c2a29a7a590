package dev.simlab.renderer;

import dev.simlab.core.scene.Scene;
import java.util.Locale;

/**
 * The heads-up display: the scene's named numbers (run, episode, step, return, ε…), training
 * steps/s measured from the step counter, the frame rate, the simulation speed and a sparkline
 * of the viewed run's episode returns. Drawn into the {@link Overlay2D} batch.
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
        int lines = 2 + (scene == null ? 1 : scene.hud().size());
        float sparkH = line * 3.2f;
        float panelH = pad * 2 + lines * line + sparkH + line * 1.4f;
        o.rect(x - pad, y - pad, panelW, panelH, PANEL);
        if (scene == null) {
            o.text("waiting for the first scene…", x, y, DIM);
            y += line;
        } else {
            measureSpeed(scene);
            for (Scene.HudItem item : scene.hud()) {
                o.text(label(item.name()), x, y, DIM);
                String v = value(item.name(), item.value());
                o.text(v, x + panelW - pad * 3 - a.width(v), y, TEXT);
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
        sparkline(viewer.history.snapshot(), x, y, panelW - pad * 3, sparkH);
        y += sparkH + line * 0.2f;

        // status line: speed, pause, camera
        double speed = viewer.speed();
        String status = (viewer.paused() ? "PAUSED  " : "") + "speed " + (speed == 0 ? "max" : String.format(Locale.ROOT, "%.0f steps/s", speed))
                + (viewer.recording() ? "  ● rec" : "");
        o.text(status, x, y, viewer.paused() ? ACCENT : DIM);

        String help = "space pause · n step · +/- speed · h/p/v overlays · c camera · drag orbit · shift-drag pan · wheel zoom · s screenshot";
        if (a.width(help) < width - pad * 4) o.text(help, pad * 2, height - line - pad, DIM);
        if (!message.isEmpty()) {
            float w = a.width(message);
            o.rect(width / 2f - w / 2 - pad, pad, w + pad * 2, line + pad, PANEL);
            o.text(message, width / 2f - w / 2, pad * 1.5f, message.equals("recording") ? RED : ACCENT);
        }
    }

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
        for (Scene.HudItem item : scene.hud()) {
            if (!item.name().equals("step") && !item.name().equals("iteration")) continue;
            rateName = item.name().equals("step") ? "steps/s" : "iterations/s";
            long now = System.nanoTime();
            if (!Double.isNaN(lastStep) && now - lastStepNanos > 250_000_000L) {
                double sps = (item.value() - lastStep) / ((now - lastStepNanos) / 1e9);
                if (sps >= 0) stepsPerSecond = Double.isNaN(stepsPerSecond) ? sps : 0.5 * stepsPerSecond + 0.5 * sps;
                lastStep = item.value();
                lastStepNanos = now;
            } else if (Double.isNaN(lastStep)) {
                lastStep = item.value();
                lastStepNanos = now;
            }
        }
    }

    private void sparkline(double[] r, float x, float y, float w, float h) {
        o.rect(x, y, w, h, new float[] {1, 1, 1, 0.06f});
        if (r.length < 2) {
            o.text("learning curve (episode returns)", x + 4, y + 4, DIM);
            return;
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : r) {
            if (!Double.isFinite(v)) continue;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo == Double.POSITIVE_INFINITY) {
            o.text("learning curve (episode returns)", x + 4, y + 4, DIM);
            return;
        }
        if (!(hi > lo)) hi = lo + 1;
        // raw returns faint, a moving average bold: the learning curve
        int window = Math.max(1, r.length / 20);
        float px = 0, py = 0, sx = 0, sy = 0;
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            float cx = x + w * i / (r.length - 1);
            double ri = Double.isFinite(r[i]) ? r[i] : (i > 0 ? r[i - 1] : lo);
            r[i] = ri;
            float cy = y + h - (float) ((ri - lo) / (hi - lo)) * h;
            sum += ri;
            if (i >= window) sum -= r[i - window];
            double avg = sum / Math.min(i + 1, window);
            float ay = y + h - (float) ((avg - lo) / (hi - lo)) * h;
            if (i > 0) {
                o.line(px, py, cx, cy, 1, CURVE_RAW);
                o.line(sx, sy, cx, ay, 2, CURVE);
            }
            px = cx;
            py = cy;
            sx = cx;
            sy = ay;
        }
        String top = String.format(Locale.ROOT, "%.3g", hi), bottom = String.format(Locale.ROOT, "%.3g", lo);
        o.text(top, x + w - o.atlas.width(top) - 2, y, DIM);
        o.text(bottom, x + w - o.atlas.width(bottom) - 2, y + h - o.atlas.lineHeight, DIM);
    }

    private static String label(String name) {
        return switch (name) {
            case "epsilon" -> "ε";
            case "alpha" -> "α";
            case "gamma" -> "γ";
            default -> name.replace('_', ' ');
        };
    }

    private static String value(String name, double v) {
        if (Double.isNaN(v)) return "–";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
