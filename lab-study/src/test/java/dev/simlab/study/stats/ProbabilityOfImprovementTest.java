package dev.simlab.study.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.rng.Rng;
import org.junit.jupiter.api.Test;

/** Values worked out pair by pair; the first two also match scipy.stats.mannwhitneyu(U) / (n·m). */
class ProbabilityOfImprovementTest {
    private static final double EPS = 1e-12;

    private static double[][] column(double... runs) {
        double[][] m = new double[runs.length][1];
        for (int i = 0; i < runs.length; i++) m[i][0] = runs[i];
        return m;
    }

    @Test
    void tiesCountHalf() {
        // X = {1,2,3}, Y = {2,2,2}: 9 pairs. x = 3 beats all three 2s (3 wins); x = 2 ties all
        // three (3 ties); x = 1 loses. (3 + 0.5·3)/9 = 0.5.
        assertThat(ProbabilityOfImprovement.of(column(1, 2, 3), column(2, 2, 2))).isCloseTo(0.5, within(EPS));
    }

    @Test
    void unequalRunCountsAreCountedOverAllPairs() {
        // X = {0.1, 0.4, 0.4, 0.9} (4 runs), Y = {0.4, 0.2, 0.3} (3 runs): 12 pairs.
        // 0.1 wins none; each 0.4 beats 0.2 and 0.3 and ties 0.4 (2 wins, 1 tie, twice);
        // 0.9 beats all 3. Wins 7, ties 2 → (7 + 1)/12 = 2/3.
        assertThat(ProbabilityOfImprovement.of(column(0.1, 0.4, 0.4, 0.9), column(0.4, 0.2, 0.3)))
                .isCloseTo(2.0 / 3, within(EPS));
    }

    @Test
    void theTwoDirectionsAddUpToOne() {
        // P(X > Y) + P(Y > X) = 1, since every pair is a win for one side or a tie split in half.
        double[][] x = column(0.1, 0.4, 0.4, 0.9);
        double[][] y = column(0.4, 0.2, 0.3);
        assertThat(ProbabilityOfImprovement.of(x, y) + ProbabilityOfImprovement.of(y, x)).isCloseTo(1, within(EPS));
    }

    @Test
    void itIsAveragedOverTasks() {
        // Task 0: X = {3,4} beats Y = {1,2} in all 4 pairs → 1. Task 1: X = {0,0} loses to Y = {5,6}
        // in all pairs → 0. Average (1 + 0)/2 = 0.5. Identical columns give 0.5 as in rliable.
        double[][] x = {{3, 0}, {4, 0}};
        double[][] y = {{1, 5}, {2, 6}};
        assertThat(ProbabilityOfImprovement.of(x, y)).isCloseTo(0.5, within(EPS));
        assertThat(ProbabilityOfImprovement.of(x, x)).isCloseTo(0.5, within(EPS));
        assertThat(ProbabilityOfImprovement.of(column(3, 4), column(1, 2))).isEqualTo(1);
    }

    @Test
    void theIntervalResamplesBothAlgorithms() {
        // X always beats Y: every replicate of either still does, so the interval is [1, 1].
        Estimate sure = ProbabilityOfImprovement.interval(column(5, 6, 7), column(1, 2, 3), 1_000, 0.95, new Rng(1));
        assertThat(sure).isEqualTo(new Estimate(1, 1, 1));
        // X = {1, 2} against a constant Y = {1.5}: only X's resampling moves it. A replicate is 0
        // (X drew 1 twice), 0.5 or 1 (X drew 2 twice) with p = 1/4, 1/2, 1/4: interval [0, 1].
        Estimate onlyX = ProbabilityOfImprovement.interval(column(1, 2), column(1.5, 1.5), 2_000, 0.95, new Rng(2));
        assertThat(onlyX).isEqualTo(new Estimate(0.5, 0, 1));
        // And the other way round: only Y's resampling moves it.
        Estimate onlyY = ProbabilityOfImprovement.interval(column(1.5, 1.5), column(1, 2), 2_000, 0.95, new Rng(3));
        assertThat(onlyY).isEqualTo(new Estimate(0.5, 0, 1));
    }

    @Test
    void theIntervalIsReproducibleAndContainsThePoint() {
        Rng data = new Rng(4);
        double[][] x = new double[15][2];
        double[][] y = new double[20][2];
        for (double[] row : x) { row[0] = 0.3 + data.nextGaussian(); row[1] = 10 + data.nextGaussian(); }
        for (double[] row : y) { row[0] = data.nextGaussian(); row[1] = 10 + data.nextGaussian(); }
        Estimate a = ProbabilityOfImprovement.interval(x, y, 2_000, 0.95, new Rng(5));
        assertThat(a).isEqualTo(ProbabilityOfImprovement.interval(x, y, 2_000, 0.95, new Rng(5)));
        assertThat(a.value()).isEqualTo(ProbabilityOfImprovement.of(x, y));
        assertThat(a.contains(a.value())).isTrue();
        assertThat(a.width()).isPositive();
    }

    @Test
    void matricesOverDifferentTasksAreRefused() {
        assertThatThrownBy(() -> ProbabilityOfImprovement.of(new double[][] {{1, 2}}, new double[][] {{1}}))
                .hasMessageContaining("x has 2 tasks but y has 1");
    }
}
