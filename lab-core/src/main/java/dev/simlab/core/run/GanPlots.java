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
 * The pictures of a GAN run: real vs generated scatter for 2D data, a grid of generated images,
 * and the loss curves. Java2D only, like {@link LearningCurvePlot}.
 */
public final class GanPlots {
    private static final Color[] SERIES = {new Color(30, 90, 170), new Color(200, 80, 40), new Color(40, 150, 70), new Color(140, 60, 160)};

    private GanPlots() {}

    /** Real samples (grey) and generated ones (blue) with the mode centres (red crosses), on a square plot. */
    public static void scatter(Path file, String title, float[] real, int nReal, float[] fake, int nFake, float[] modes) throws IOException {
        int size = 720, margin = 50;
        BufferedImage img = new BufferedImage(size, size + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        double lim = 0;
        for (int i = 0; i < 2 * nReal; i++) lim = Math.max(lim, Math.abs(real[i]));
        if (modes != null) for (float m : modes) lim = Math.max(lim, Math.abs(m));
        lim = lim * 1.25 + 1e-6;
        int pw = size - 2 * margin;
        int top = 40;
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, margin, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(margin, top, pw, pw);
        g.drawString(String.format(Locale.ROOT, "[-%.1f, %.1f]²   grey: real (%d)   blue: generated (%d)   red: modes", lim, lim, nReal, nFake),
                margin, top + pw + 20);
        g.clipRect(margin, top, pw, pw);
        double scale = pw / (2 * lim);
        g.setColor(new Color(150, 150, 150, 90));
        for (int i = 0; i < nReal; i++) dot(g, margin + (real[2 * i] + lim) * scale, top + (lim - real[2 * i + 1]) * scale, 3);
        g.setColor(new Color(30, 90, 200, 110));
        for (int i = 0; i < nFake; i++) dot(g, margin + (fake[2 * i] + lim) * scale, top + (lim - fake[2 * i + 1]) * scale, 3);
        if (modes != null) {
            g.setColor(new Color(220, 30, 30));
            g.setStroke(new BasicStroke(1.5f));
            for (int m = 0; m < modes.length / 2; m++) {
                int x = (int) Math.round(margin + (modes[2 * m] + lim) * scale), y = (int) Math.round(top + (lim - modes[2 * m + 1]) * scale);
                g.drawLine(x - 5, y, x + 5, y);
                g.drawLine(x, y - 5, x, y + 5);
            }
        }
        g.dispose();
        save(img, file);
    }

    private static void dot(Graphics2D g, double x, double y, int d) {
        g.fillOval((int) Math.round(x - d / 2.0), (int) Math.round(y - d / 2.0), d, d);
    }

    /**
     * The first {@code rows × cols} images of {@code images} ({@code h × w} floats each, row-major),
     * grey levels scaled from [lo, hi], each pixel drawn as a {@code zoom × zoom} block.
     */
    public static void imageGrid(Path file, float[] images, int count, int h, int w, float lo, float hi, int cols) throws IOException {
        int rows = (count + cols - 1) / cols;
        int zoom = Math.max(2, 48 / Math.max(h, w)); // 28×28 images at twice their size, 8×8 at six times
        int gap = 2;
        BufferedImage img = new BufferedImage(cols * (w * zoom + gap) + gap, rows * (h * zoom + gap) + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 40, 40));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int k = 0; k < count; k++) {
            int ox = gap + (k % cols) * (w * zoom + gap), oy = gap + (k / cols) * (h * zoom + gap);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = (images[k * h * w + y * w + x] - lo) / (hi - lo);
                    int grey = Math.max(0, Math.min(255, Math.round(v * 255)));
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(ox + x * zoom, oy + y * zoom, zoom, zoom);
                }
            }
        }
        g.dispose();
        save(img, file);
    }

    /** Loss curves: one line per named series against the iteration. */
    public static void curves(Path file, String title, long[] iterations, List<String> names, List<double[]> series) throws IOException {
        int W = 900, H = 520, left = 80, right = 30, top = 50, bottom = 60;
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 30);
        int n = iterations.length;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] s : series) {
            for (double v : s) {
                if (Double.isNaN(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (n < 2 || lo > hi) {
            g.drawString("too few logged iterations", left, H / 2);
            g.dispose();
            save(img, file);
            return;
        }
        if (hi - lo < 1e-9) {
            hi += 1;
            lo -= 1;
        }
        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        int pw = W - left - right, ph = H - top - bottom;
        double x0 = iterations[0], x1 = iterations[n - 1];
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k <= 5; k++) {
            double v = lo + (hi - lo) * k / 5;
            int y = top + ph - (int) Math.round(ph * k / 5.0);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left, y, left + pw, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.3f", v), 10, y + 4);
            int x = left + (int) Math.round(pw * k / 5.0);
            g.drawString(String.valueOf(Math.round(x0 + (x1 - x0) * k / 5.0)), x - 10, top + ph + 18);
        }
        g.drawRect(left, top, pw, ph);
        g.drawString("iteration", left + pw / 2 - 20, H - 20);
        for (int s = 0; s < series.size(); s++) {
            g.setColor(SERIES[s % SERIES.length]);
            g.drawString(names.get(s), left + 10 + 120 * s, top - 6);
        }
        g.clipRect(left, top, pw, ph);
        g.setStroke(new BasicStroke(1.8f));
        for (int s = 0; s < series.size(); s++) {
            double[] v = series.get(s);
            Path2D line = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(v[i])) continue;
                double x = left + pw * (iterations[i] - x0) / (x1 - x0);
                double y = top + ph * (1 - (v[i] - lo) / (hi - lo));
                if (!started) line.moveTo(x, y);
                else line.lineTo(x, y);
                started = true;
            }
            g.setColor(SERIES[s % SERIES.length]);
            g.draw(line);
        }
        g.dispose();
        save(img, file);
    }

    private static void save(BufferedImage img, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ImageIO.write(img, "png", tmp.toFile());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
