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
     * Initialises Java2D and its fonts (a few hundred milliseconds, single-threaded) on a daemon
     * thread, so it overlaps with plugin loading and training instead of adding to the end of a run.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("0.9", 0, 8);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("0.9", 0, 8);
            g.fill(new Path2D.Double(new java.awt.Rectangle(0, 0, 2, 2)));
            g.dispose();
            try {
                ImageIO.write(img, "png", java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // only warming up
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
            save(img, file);
            return;
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, mean[i] - std[i]);
            hi = Math.max(hi, mean[i] + std[i]);
        }
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
            g.drawString(String.format(Locale.ROOT, "%.1f", v), 10, y + 4);
            int x = LEFT + (int) Math.round(pw * k / 5.0);
            g.drawString(String.valueOf(Math.round(1 + (n - 1) * k / 5.0)), x - 10, TOP + ph + 18);
        }
        g.drawRect(LEFT, TOP, pw, ph);
        g.drawString("episode", LEFT + pw / 2 - 20, H - 20);
        g.drawString("return (mean ± std across " + results.size() + " runs, moving average " + window + ")", LEFT, TOP - 6);
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
        save(img, file);
    }

    private static void save(BufferedImage img, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ImageIO.write(img, "png", tmp.toFile());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
