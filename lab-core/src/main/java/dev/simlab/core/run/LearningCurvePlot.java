package dev.simlab.core.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws {@code learning-curve.png}: training return per episode, averaged across runs, as a line
 * with a ±1 standard-deviation band, smoothed with a moving average so trends are readable.
 */
public final class LearningCurvePlot {
    private static final int W = 900, H = 520, LEFT = 80, RIGHT = 30, TOP = 50, BOTTOM = 60;

    private LearningCurvePlot() {}

    /**
     * Renders a throw-away plot on a daemon thread: Java2D, its fonts, the anti-aliasing renderer
     * and the PNG encoder take a few hundred milliseconds to start, which then overlaps with plugin
     * loading (one core is idle then) instead of adding to the end of a run.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            double[] returns = new double[500];
            for (int i = 0; i < returns.length; i++) returns[i] = -1000.0 / (1 + i) - (i % 7);
            List<RunResult> fake = List.of(new RunResult(0, 0, "completed", null, 0, java.util.Map.of(), returns),
                    new RunResult(1, 1, "completed", null, 0, java.util.Map.of(), returns.clone()));
            try {
                ImageIO.write(render("warm-up", fake), "png", java.io.OutputStream.nullOutputStream());
            } catch (IOException | RuntimeException | Error ignored) {
                // only warming up: the JVM may be exiting (bad input found meanwhile) while Java2D starts
            }
        }, "simlab-plot-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Mean and std per episode index across runs (runs shorter than the longest are skipped past their end). */
    static double[][] meanAndStd(List<RunResult> results) {
        int len = 0;
        for (RunResult r : results) len = Math.max(len, r.returns().length);
        double[] mean = new double[len], std = new double[len];
        for (int e = 0; e < len; e++) {
            double s = 0, ss = 0;
            int n = 0;
            for (RunResult r : results) {
                if (e < r.returns().length) {
                    s += r.returns()[e];
                    n++;
                }
            }
            double m = s / n;
            for (RunResult r : results) if (e < r.returns().length) ss += (r.returns()[e] - m) * (r.returns()[e] - m);
            mean[e] = m;
            std[e] = Math.sqrt(ss / n);
        }
        return new double[][] {mean, std};
    }

    static double[] smooth(double[] v, int window) {
        double[] out = new double[v.length];
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i];
            if (i >= window) s -= v[i - window];
            out[i] = s / Math.min(i + 1, window);
        }
        return out;
    }

    public static void write(Path file, String title, List<RunResult> results) throws IOException {
        save(render(title, results), file);
    }

    static BufferedImage render(String title, List<RunResult> results) {
        double[][] ms = meanAndStd(results);
        int n = ms[0].length;
        int window = Math.max(1, n / 50);
        double[] mean = smooth(ms[0], window);
        double[] std = smooth(ms[1], window);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        if (n == 0) {
            g.drawString("no finished episodes", LEFT, H / 2);
            g.dispose();
            return img;
        }
        // Robust y-range: the first few episodes of a tabular run can be 100 times worse than the
        // rest (the cliff walk starts near -2,000 and settles near -50), so the lower bound is the
        // 5th percentile of the band; what falls below is clipped at the axis.
        double[] lower = new double[n];
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            lower[i] = mean[i] - std[i];
            hi = Math.max(hi, mean[i] + std[i]);
        }
        double[] sortedLower = lower.clone();
        java.util.Arrays.sort(sortedLower);
        double lo = sortedLower[(int) Math.floor(0.05 * (n - 1))];
        boolean clipped = sortedLower[0] < lo;
        if (hi - lo < 1e-9) {
            hi += 1;
            lo -= 1;
        }
        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        // axes and grid
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k <= 5; k++) {
            double v = lo + (hi - lo) * k / 5;
            int y = TOP + ph - (int) Math.round(ph * k / 5.0);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(LEFT, y, LEFT + pw, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, Math.abs(hi - lo) >= 50 ? "%.0f" : "%.2f", v), 10, y + 4);
            int x = LEFT + (int) Math.round(pw * k / 5.0);
            g.drawString(String.valueOf(Math.round(1 + (n - 1) * k / 5.0)), x - 10, TOP + ph + 18);
        }
        g.drawRect(LEFT, TOP, pw, ph);
        g.drawString("episode", LEFT + pw / 2 - 20, H - 20);
        g.drawString("return (mean ± std across " + results.size() + " runs, moving average " + window + ")"
                + (clipped ? "; early episodes below the axis are clipped" : ""), LEFT, TOP - 6);
        g.clipRect(LEFT, TOP, pw, ph);
        Path2D band = new Path2D.Double();
        Path2D line = new Path2D.Double();
        for (int i = 0; i < n; i++) {
            double x = LEFT + (n == 1 ? pw / 2.0 : pw * i / (double) (n - 1));
            double y = TOP + ph * (1 - (mean[i] - lo) / (hi - lo));
            if (i == 0) line.moveTo(x, y);
            else line.lineTo(x, y);
            double yu = TOP + ph * (1 - (mean[i] + std[i] - lo) / (hi - lo));
            if (i == 0) band.moveTo(x, yu);
            else band.lineTo(x, yu);
        }
        for (int i = n - 1; i >= 0; i--) {
            double x = LEFT + (n == 1 ? pw / 2.0 : pw * i / (double) (n - 1));
            double yl = TOP + ph * (1 - (mean[i] - std[i] - lo) / (hi - lo));
            band.lineTo(x, yl);
        }
        band.closePath();
        g.setColor(new Color(70, 130, 200, 70));
        g.fill(band);
        g.setColor(new Color(30, 90, 170));
        g.setStroke(new BasicStroke(2f));
        g.draw(line);
        g.dispose();
        return img;
    }

    private static void save(BufferedImage img, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ImageIO.write(img, "png", tmp.toFile());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
