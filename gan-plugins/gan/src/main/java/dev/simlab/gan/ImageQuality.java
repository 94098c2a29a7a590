package dev.simlab.gan;

/**
 * Full-reference image measures and the classical resampling baselines, on grey images with
 * pixels in [0, 1] stored row after row.
 *
 * <ul>
 *   <li>PSNR = 10·log10(1 / MSE) over a region of one image (peak 1); averaged over images by the callers.</li>
 *   <li>SSIM (Wang et al., 2004) with an 11×11 Gaussian window of σ 1.5, C1 = 0.01², C2 = 0.03²: the
 *       SSIM map at every pixel, the window renormalised where it leaves the image, averaged over
 *       the region (the whole image, or an inpainting mask).</li>
 *   <li>Box downsampling (the mean of each f×f block) and bicubic upsampling (Keys' kernel with
 *       a = −0.5, as PIL's, pixel centres aligned, edges clamped, output clipped to [0, 1]).</li>
 * </ul>
 */
final class ImageQuality {
    private ImageQuality() {}

    static final double C1 = 0.01 * 0.01, C2 = 0.03 * 0.03;
    private static final int RADIUS = 5;
    private static final double[] WINDOW = gaussian(RADIUS, 1.5);

    private static double[] gaussian(int r, double sigma) {
        double[] k = new double[2 * r + 1];
        for (int i = -r; i <= r; i++) k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
        return k;
    }

    /** PSNR in dB of {@code x} against {@code truth} (image {@code i} of each, {@code d} pixels) over the pixels where {@code region} is true (null: all). */
    static double psnr(float[] x, int xi, float[] truth, int ti, int d, boolean[] region) {
        double se = 0;
        int n = 0;
        for (int p = 0; p < d; p++) {
            if (region != null && !region[p]) continue;
            double e = x[xi * d + p] - truth[ti * d + p];
            se += e * e;
            n++;
        }
        return 10 * Math.log10(1.0 / Math.max(se / Math.max(n, 1), 1e-10));
    }

    /** Mean SSIM of image {@code xi} of {@code x} against image {@code ti} of {@code truth} (h × w) over {@code region} (null: all pixels). */
    static double ssim(float[] x, int xi, float[] truth, int ti, int h, int w, boolean[] region) {
        int d = h * w;
        double total = 0;
        int n = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                if (region != null && !region[r * w + c]) continue;
                // one pass over the window: its weighted sums of x, y, x², y² and xy
                double sw = 0, mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
                for (int dr = -RADIUS; dr <= RADIUS; dr++) {
                    int rr = r + dr;
                    if (rr < 0 || rr >= h) continue;
                    for (int dc = -RADIUS; dc <= RADIUS; dc++) {
                        int cc = c + dc;
                        if (cc < 0 || cc >= w) continue;
                        double k = WINDOW[dr + RADIUS] * WINDOW[dc + RADIUS];
                        double a = x[xi * d + rr * w + cc], b = truth[ti * d + rr * w + cc];
                        sw += k;
                        mx += k * a;
                        my += k * b;
                        xx += k * a * a;
                        yy += k * b * b;
                        xy += k * a * b;
                    }
                }
                mx /= sw;
                my /= sw;
                double vx = xx / sw - mx * mx, vy = yy / sw - my * my, cxy = xy / sw - mx * my;
                total += (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                n++;
            }
        }
        return total / Math.max(n, 1);
    }

    /** Mean squared difference between neighbouring pixels (both directions) of image {@code i}: how much fine detail it has. */
    static double detail(float[] x, int i, int h, int w) {
        int d = h * w;
        double s = 0;
        int n = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                float v = x[i * d + r * w + c];
                if (c + 1 < w) {
                    double e = x[i * d + r * w + c + 1] - v;
                    s += e * e;
                    n++;
                }
                if (r + 1 < h) {
                    double e = x[i * d + (r + 1) * w + c] - v;
                    s += e * e;
                    n++;
                }
            }
        }
        return s / n;
    }

    /** Image {@code i} of {@code x} (h × w) shrunk by {@code f} (the mean of each f × f block) into image {@code o} of {@code out}. */
    static void downsample(float[] x, int i, int h, int w, int f, float[] out, int o) {
        int lh = h / f, lw = w / f;
        for (int r = 0; r < lh; r++) {
            for (int c = 0; c < lw; c++) {
                double s = 0;
                for (int dr = 0; dr < f; dr++) for (int dc = 0; dc < f; dc++) s += x[i * h * w + (r * f + dr) * w + c * f + dc];
                out[o * lh * lw + r * lw + c] = (float) (s / (f * f));
            }
        }
    }

    /** Keys' cubic convolution kernel with a = −0.5. */
    static double cubic(double t) {
        double a = -0.5, x = Math.abs(t);
        if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
        if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        return 0;
    }

    /** Image {@code i} of {@code low} (lh × lw) upsampled by {@code f} with bicubic interpolation into image {@code o} of {@code out}. */
    static void bicubic(float[] low, int i, int lh, int lw, int f, float[] out, int o) {
        int h = lh * f, w = lw * f, ld = lh * lw;
        for (int r = 0; r < h; r++) {
            double sr = (r + 0.5) / f - 0.5;
            int r0 = (int) Math.floor(sr);
            for (int c = 0; c < w; c++) {
                double sc = (c + 0.5) / f - 0.5;
                int c0 = (int) Math.floor(sc);
                double v = 0;
                for (int a = -1; a <= 2; a++) {
                    int rr = Math.max(0, Math.min(lh - 1, r0 + a));
                    double kr = cubic(sr - (r0 + a));
                    for (int b = -1; b <= 2; b++) {
                        int cc = Math.max(0, Math.min(lw - 1, c0 + b));
                        v += kr * cubic(sc - (c0 + b)) * low[i * ld + rr * lw + cc];
                    }
                }
                out[o * h * w + r * w + c] = (float) Math.max(0, Math.min(1, v));
            }
        }
    }

    /** Image {@code i} of {@code low} enlarged by {@code f} by repeating pixels, for showing the input beside the output. */
    static void nearest(float[] low, int i, int lh, int lw, int f, float[] out, int o) {
        int h = lh * f, w = lw * f;
        for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) out[o * h * w + r * w + c] = low[i * lh * lw + (r / f) * lw + c / f];
    }
}
