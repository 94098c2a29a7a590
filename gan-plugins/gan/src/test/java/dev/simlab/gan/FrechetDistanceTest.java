package dev.simlab.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.rng.Rng;
import org.junit.jupiter.api.Test;

/** The Fréchet distance and its matrix square root against closed forms. */
class FrechetDistanceTest {
    static FrechetDistance.Moments moments(double[] mean, double[][] cov) {
        return new FrechetDistance.Moments(mean, cov);
    }

    @Test
    void oneDimensionalGaussiansGiveTheClosedForm() {
        // N(0, 1) against N(1, 4): (0 − 1)² + 1 + 4 − 2·√(1·4) = 2
        assertThat(FrechetDistance.between(moments(new double[] {0}, new double[][] {{1}}), moments(new double[] {1}, new double[][] {{4}})))
                .isCloseTo(2, within(1e-12));
    }

    @Test
    void identicalMomentsAreAtDistanceZeroAndRotatedCovariancesAreNot() {
        double[][] a = {{2, 0.5, 0}, {0.5, 1, 0.3}, {0, 0.3, 0.7}};
        FrechetDistance.Moments m = moments(new double[] {1, 2, 3}, a);
        assertThat(FrechetDistance.between(m, m)).isCloseTo(0, within(1e-9));
        // diagonal covariances commute: Tr((Σ₁Σ₂)^½) = Σ √(σ₁ᵢ σ₂ᵢ)
        FrechetDistance.Moments p = moments(new double[3], new double[][] {{1, 0, 0}, {0, 4, 0}, {0, 0, 9}});
        FrechetDistance.Moments q = moments(new double[3], new double[][] {{9, 0, 0}, {0, 4, 0}, {0, 0, 1}});
        // 14 + 14 − 2 (3 + 4 + 3) = 8
        assertThat(FrechetDistance.between(p, q)).isCloseTo(8, within(1e-9));
    }

    @Test
    void theSquareRootSquaresBackToTheMatrix() {
        Rng r = new Rng(3);
        int d = 20;
        double[][] b = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) b[i][j] = r.nextGaussian();
        double[][] a = new double[d][d]; // BᵀB: symmetric positive definite
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) for (int k = 0; k < d; k++) a[i][j] += b[k][i] * b[k][j];
        double[][] s = FrechetDistance.sqrtPsd(a);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int k = 0; k < d; k++) v += s[i][k] * s[k][j];
                assertThat(v).isCloseTo(a[i][j], within(1e-8 * (1 + Math.abs(a[i][j]))));
            }
        }
    }

    @Test
    void momentsOfSamplesEstimateMeanAndCovariance() {
        Rng r = new Rng(5);
        int n = 20000;
        float[] f = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double z1 = r.nextGaussian(), z2 = r.nextGaussian();
            f[2 * i] = (float) (1 + z1);
            f[2 * i + 1] = (float) (z1 + 2 * z2); // var 5, cov 1 with the first
        }
        FrechetDistance.Moments m = FrechetDistance.Moments.of(f, n, 2);
        assertThat(m.mean()[0]).isCloseTo(1, within(0.03));
        assertThat(m.cov()[1][1]).isCloseTo(5, within(0.15));
        assertThat(m.cov()[0][1]).isCloseTo(1, within(0.05));
        assertThat(m.cov()[1][0]).isEqualTo(m.cov()[0][1]);
    }
}
