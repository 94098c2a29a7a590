package dev.simlab.renderer;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Frame times of a viewer session: the interval between consecutive frames (what the user sees
 * as frame rate) and the CPU time spent drawing each (what the frame rate could be uncapped).
 */
public final class FrameStats {
    private double[] interval = new double[1024];
    private double[] work = new double[1024];
    private int n;
    private long firstNanos = -1, lastNanos;

    void frame(long nowNanos, double workMillis) {
        if (firstNanos < 0) {
            firstNanos = nowNanos;
            lastNanos = nowNanos;
            return;
        }
        if (n == interval.length) {
            interval = Arrays.copyOf(interval, n * 2);
            work = Arrays.copyOf(work, n * 2);
        }
        interval[n] = (nowNanos - lastNanos) / 1e6;
        work[n] = workMillis;
        n++;
        lastNanos = nowNanos;
    }

    /** Frames drawn (the first one starts the clock). */
    public int frames() {
        return n + (firstNanos < 0 ? 0 : 1);
    }

    /** Mean frames per second over the session. */
    public double meanFps() {
        return n == 0 ? Double.NaN : n / ((lastNanos - firstNanos) / 1e9);
    }

    public double intervalPercentile(double p) {
        return percentile(interval, p);
    }

    /** The median draw time of the last {@code frames} frames, in ms. */
    double recentWorkMedian(int frames) {
        int k = Math.min(frames, n);
        if (k == 0) return 0;
        double[] last = Arrays.copyOfRange(work, n - k, n);
        Arrays.sort(last);
        return last[k / 2];
    }

    public double workPercentile(double p) {
        return percentile(work, p);
    }

    private double percentile(double[] a, double p) {
        if (n == 0) return Double.NaN;
        double[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        return s[Math.min(n - 1, (int) Math.floor(p / 100 * n))];
    }

    /** One row per frame: its index, the interval since the previous frame and the drawing time, in ms. */
    public void writeCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("frame,interval_ms,draw_ms\n");
            for (int i = 0; i < n; i++) w.write(String.format(Locale.ROOT, "%d,%.3f,%.3f%n", i + 1, interval[i], work[i]));
        }
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d frames, %.1f frames/s (interval p50 %.1f ms, p95 %.1f ms; draw p50 %.1f ms, p95 %.1f ms)",
                frames(), meanFps(), intervalPercentile(50), intervalPercentile(95), workPercentile(50), workPercentile(95));
    }
}
