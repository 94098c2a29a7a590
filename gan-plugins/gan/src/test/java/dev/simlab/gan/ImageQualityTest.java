package dev.simlab.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** PSNR, SSIM and the resampling baselines against values worked out by hand. */
class ImageQualityTest {
    @Test
    void psnrOfAConstantErrorOfOneTenthIs20DecibelsAndCountsOnlyTheRegion() {
        float[] truth = new float[16], x = new float[16];
        Arrays.fill(truth, 0.5f);
        Arrays.fill(x, 0.6f);
        assertThat(ImageQuality.psnr(x, 0, truth, 0, 16, null)).isCloseTo(20, within(1e-4));
        // outside the region the image may be anything
        boolean[] region = new boolean[16];
        region[5] = true;
        x[0] = 0;
        assertThat(ImageQuality.psnr(x, 0, truth, 0, 16, region)).isCloseTo(20, within(1e-4));
        x[5] = 0.5f;
        assertThat(ImageQuality.psnr(x, 0, truth, 0, 16, region)).isEqualTo(100); // exact: capped at MSE 1e-10
    }

    @Test
    void ssimIsOneForTheSameImageAndTheLuminanceTermForFlatOnes() {
        float[] a = new float[28 * 28], b = new float[28 * 28];
        for (int i = 0; i < a.length; i++) a[i] = (float) (0.5 + 0.4 * Math.sin(i * 0.37));
        assertThat(ImageQuality.ssim(a, 0, a, 0, 28, 28, null)).isCloseTo(1, within(1e-9));
        Arrays.fill(a, 0.5f);
        Arrays.fill(b, 0.25f);
        // flat images: no variance, so SSIM = (2μxμy + C1) / (μx² + μy² + C1)
        double expected = (2 * 0.5 * 0.25 + ImageQuality.C1) / (0.25 + 0.0625 + ImageQuality.C1);
        assertThat(ImageQuality.ssim(a, 0, b, 0, 28, 28, null)).isCloseTo(expected, within(1e-6));
        // structure lost: noise against a flat image of the same mean scores far below 1
        for (int i = 0; i < b.length; i++) b[i] = (i * 7919 % 13) / 12f * 0.5f + 0.25f;
        assertThat(ImageQuality.ssim(b, 0, a, 0, 28, 28, null)).isLessThan(0.5);
    }

    @Test
    void bicubicReproducesALinearRampInsideAndAFlatImageEverywhere() {
        int h = 28, w = 28, f = 4;
        float[] ramp = new float[h * w];
        for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) ramp[r * w + c] = (c + 0.5f) / w * 0.8f + 0.1f;
        float[] low = new float[(h / f) * (w / f)], up = new float[h * w];
        ImageQuality.downsample(ramp, 0, h, w, f, low, 0);
        // a block's mean of a linear ramp is its value at the block's centre
        assertThat(low[1]).isCloseTo((4 * 1 + 2) / 28f * 0.8f + 0.1f, within(1e-6f));
        ImageQuality.bicubic(low, 0, h / f, w / f, f, up, 0);
        // cubic convolution reproduces linear functions wherever its 4 taps stay inside the small image
        for (int r = 0; r < h; r++) for (int c = 2 * f; c < w - 2 * f; c++) assertThat(up[r * w + c]).isCloseTo(ramp[r * w + c], within(1e-5f));
        Arrays.fill(low, 0.3f);
        ImageQuality.bicubic(low, 0, h / f, w / f, f, up, 0);
        for (float v : up) assertThat(v).isCloseTo(0.3f, within(1e-6f));
    }

    @Test
    void detailIsTheMeanSquaredNeighbourDifference() {
        // a 2×2 checkerboard of 0 and 1: all four neighbour pairs differ by 1
        assertThat(ImageQuality.detail(new float[] {0, 1, 1, 0}, 0, 2, 2)).isEqualTo(1);
        assertThat(ImageQuality.detail(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 0, 2, 2)).isZero();
    }
}
