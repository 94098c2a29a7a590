package dev.simlab.study.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.rng.Rng;
import org.junit.jupiter.api.Test;

class ParzenEstimatorTest {

    @Test
    void bandwidthsFollowOptunasRule() {
        // Sorted with the ends: [0, .2, .5, .6, 1]. Gaps to the larger neighbour: .3, .3, .4; the outer
        // kernels look inwards only: .3 (to .5) and .1 (to .5); clipped below at 1 / min(100, 3 + 2) = .2.
        ParzenEstimator.Numeric p = ParzenEstimator.Numeric.of(new double[] {0.6, 0.2, 0.5}, new double[] {1, 1, 1}, 0, 1, false, false);
        assertThat(p.mus()).containsExactly(0.6, 0.2, 0.5, 0.5);
        assertThat(p.sigmas()).containsExactly(new double[] {0.2, 0.3, 0.3, 1.0}, within(1e-12));
        assertThat(p.logWeights()).containsExactly(new double[] {Math.log(0.25), Math.log(0.25), Math.log(0.25), Math.log(0.25)}, within(1e-12));
        // One observation: the larger gap to either end.
        ParzenEstimator.Numeric one = ParzenEstimator.Numeric.of(new double[] {0.2}, new double[] {1}, 0, 1, false, false);
        assertThat(one.sigmas()).containsExactly(new double[] {0.8, 1.0}, within(1e-12));
        // None: the prior alone.
        ParzenEstimator.Numeric none = ParzenEstimator.Numeric.of(new double[0], new double[0], 0, 1, false, false);
        assertThat(none.mus()).containsExactly(0.5);
        assertThat(none.sigmas()).containsExactly(1.0);
    }

    @Test
    void densitiesIntegrateToOne() {
        double[] obs = {0.011, 0.02, 0.5, 0.51, 3.0};
        double[] w = {1, 1, 1, 1, 1};
        ParzenEstimator.Numeric lin = ParzenEstimator.Numeric.of(obs, w, 0.01, 5, false, false);
        ParzenEstimator.Numeric log = ParzenEstimator.Numeric.of(obs, w, 0.01, 5, true, false);
        int n = 200_000;
        double sumLin = 0;
        double sumLog = 0;
        double a = Math.log(0.01);
        double b = Math.log(5);
        for (int i = 0; i < n; i++) {
            sumLin += Math.exp(lin.logPdf(0.01 + (5 - 0.01) * (i + 0.5) / n)) * (5 - 0.01) / n;
            // The log estimator's density is over log x.
            sumLog += Math.exp(log.logPdf(Math.exp(a + (b - a) * (i + 0.5) / n))) * (b - a) / n;
        }
        assertThat(sumLin).isCloseTo(1.0, within(1e-4));
        assertThat(sumLog).isCloseTo(1.0, within(1e-4));

        ParzenEstimator.Numeric ints = ParzenEstimator.Numeric.of(new double[] {1, 1, 7, 100}, new double[] {1, 1, 1, 1}, 1, 100, true, true);
        double mass = 0;
        for (int k = 1; k <= 100; k++) mass += Math.exp(ints.logPdf(k));
        assertThat(mass).isCloseTo(1.0, within(1e-9));

        ParzenEstimator.Categorical cat = ParzenEstimator.Categorical.of(new int[] {0, 0, 2}, new double[] {1, 1, 1}, 3);
        // Kernels: prior 1/4 on each value plus 1 on the observed one, normalised; the prior kernel uniform.
        double k0 = 1.25 / 1.75;
        double other = 0.25 / 1.75;
        assertThat(Math.exp(cat.logPdf(0))).isCloseTo(0.25 * (k0 + k0 + other + 1.0 / 3), within(1e-12));
        assertThat(Math.exp(cat.logPdf(0)) + Math.exp(cat.logPdf(1)) + Math.exp(cat.logPdf(2))).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void drawsStayInTheRangeAndIntsAreWhole() {
        ParzenEstimator.Numeric ints = ParzenEstimator.Numeric.of(new double[] {1, 8}, new double[] {1, 1}, 1, 8, false, true);
        ParzenEstimator.Numeric log = ParzenEstimator.Numeric.of(new double[] {0.001, 0.002}, new double[] {1, 1}, 0.001, 1, true, false);
        Rng rng = new Rng(3);
        for (int i = 0; i < 5000; i++) {
            double k = ints.sample(rng);
            assertThat(k).isBetween(1.0, 8.0).isEqualTo(Math.rint(k));
            assertThat(log.sample(rng)).isBetween(0.001, 1.0);
        }
    }

    @Test
    void oldObservationsRampUpBeyondTwentyFive() {
        assertThat(ParzenEstimator.defaultWeights(0)).isEmpty();
        assertThat(ParzenEstimator.defaultWeights(25)).containsOnly(1.0);
        double[] w = ParzenEstimator.defaultWeights(30);
        assertThat(w[0]).isCloseTo(1.0 / 30, within(1e-12));
        assertThat(w[4]).isCloseTo(1.0, within(1e-12));
        assertThat(w[2]).isCloseTo((1.0 / 30 + 1.0) / 2, within(1e-12));
        assertThat(ParzenEstimator.defaultWeights(26)[0]).isCloseTo(1.0 / 26, within(1e-12));
    }
}
