package dev.simlab.study.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.rng.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceProfileTest {
    @Test
    void theProfileCountsScoresStrictlyAboveEachThreshold() {
        // Scores 0.1, 0.5, 0.9, 1.3 over 2 runs × 2 tasks (pooled, as rliable's score distribution).
        // τ = 0: all 4 above → 1. τ = 0.5: 0.9 and 1.3 (0.5 itself is not above) → 2/4.
        // τ = 1: only 1.3 → 1/4. τ = 2: none → 0. τ = -1: all → 1.
        double[][] scores = {{0.1, 0.9}, {1.3, 0.5}};
        assertThat(PerformanceProfile.fractionsAbove(scores, new double[] {0, 0.5, 1, 2, -1}))
                .containsExactly(1, 0.5, 0.25, 0, 1);
    }

    @Test
    void bandsSurroundTheProfileAndFollowTheThresholdOrder() {
        Rng data = new Rng(1);
        double[][] scores = new double[20][3];
        for (double[] row : scores) {
            for (int t = 0; t < 3; t++) row[t] = data.nextDouble();
        }
        double[] taus = {0.25, 0.5, 0.75};
        List<PerformanceProfile.Point> profile = PerformanceProfile.withBands(scores, taus, 1_000, 0.95, new Rng(2));
        double[] point = PerformanceProfile.fractionsAbove(scores, taus);
        assertThat(profile).extracting(PerformanceProfile.Point::tau).containsExactly(0.25, 0.5, 0.75);
        for (int i = 0; i < taus.length; i++) {
            Estimate band = profile.get(i).fraction();
            assertThat(band.value()).isEqualTo(point[i]);
            assertThat(band.contains(band.value())).isTrue();
            assertThat(band.width()).isPositive();
        }
        // A profile falls as τ rises, and so do its bands (each replicate's profile falls).
        assertThat(profile.get(0).fraction().ciLow()).isGreaterThanOrEqualTo(profile.get(1).fraction().ciLow());
        assertThat(profile.get(1).fraction().ciHigh()).isGreaterThanOrEqualTo(profile.get(2).fraction().ciHigh());
    }

    @Test
    void thresholdsOutsideTheScoresHaveCertainBands() {
        // Below every score each replicate has fraction 1; above every score, 0.
        double[][] scores = {{0.2, 0.4}, {0.6, 0.8}, {0.3, 0.9}};
        List<PerformanceProfile.Point> profile = PerformanceProfile.withBands(scores, new double[] {0, 1}, 7);
        assertThat(profile.get(0).fraction()).isEqualTo(new Estimate(1, 1, 1));
        assertThat(profile.get(1).fraction()).isEqualTo(new Estimate(0, 0, 0));
    }

    @Test
    void theSameSeedGivesTheSameBands() {
        double[][] scores = {{0.2, 0.4}, {0.6, 0.8}, {0.3, 0.9}, {0.5, 0.1}};
        double[] taus = {0.3, 0.6};
        assertThat(PerformanceProfile.withBands(scores, taus, 3)).isEqualTo(PerformanceProfile.withBands(scores, taus, 3));
    }

    @Test
    void noThresholdsIsRefused() {
        assertThatThrownBy(() -> PerformanceProfile.fractionsAbove(new double[][] {{1}}, new double[0]))
                .hasMessageContaining("no thresholds");
    }
}
