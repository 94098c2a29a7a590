package dev.simlab.study.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Aggregates on matrices small enough to work out by hand; the IQM values were also checked
 * against scipy.stats.trim_mean(..., 0.25, axis=None), which rliable calls.
 */
class AggregatesTest {
    private static final double EPS = 1e-12;

    /** One task: a column of runs. */
    private static double[][] column(double... runs) {
        double[][] m = new double[runs.length][1];
        for (int i = 0; i < runs.length; i++) m[i][0] = runs[i];
        return m;
    }

    @Test
    void meanAndMedianAreOverTaskMeans() {
        // Task means: (1+3)/2 = 2, (10+20)/2 = 15, (100+0)/2 = 50.
        // mean = (2+15+50)/3 = 67/3; median of {2, 15, 50} = 15 (the median of all six scores
        // {0,1,3,10,20,100} would be 6.5: rliable's median is over task means, not scores).
        double[][] scores = {{1, 10, 100}, {3, 20, 0}};
        assertThat(Aggregates.mean(scores)).isCloseTo(67.0 / 3, within(EPS));
        assertThat(Aggregates.median(scores)).isCloseTo(15, within(EPS));
    }

    @Test
    void medianOfAnEvenNumberOfTasksIsTheMidpointOfTheMiddleTwo() {
        // Task means 2 and 15 → median (2+15)/2 = 8.5, the same as the mean for two tasks.
        double[][] scores = {{1, 10}, {3, 20}};
        assertThat(Aggregates.median(scores)).isCloseTo(8.5, within(EPS));
        assertThat(Aggregates.mean(scores)).isCloseTo(8.5, within(EPS));
    }

    @Test
    void iqmOfOneToEightIsTheMeanOfThreeToSix() {
        // n = 8, cut floor(0.25·8) = 2 from each end: (3+4+5+6)/4 = 4.5.
        assertThat(Aggregates.iqm(column(8, 1, 6, 3, 5, 2, 7, 4))).isCloseTo(4.5, within(EPS));
    }

    @Test
    void iqmOfTenScoresCutsTwoFromEachEnd() {
        // n = 10, 0.25·10 = 2.5 → trim_mean cuts floor(2.5) = 2: mean of 3..8 = 33/6 = 5.5.
        assertThat(Aggregates.iqm(column(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))).isCloseTo(5.5, within(EPS));
    }

    @Test
    void iqmFloorsNonIntegerCuts() {
        // n = 6: 1.5 → cut 1: (2+3+4+5)/4 = 3.5.
        assertThat(Aggregates.iqm(column(1, 2, 3, 4, 5, 6))).isCloseTo(3.5, within(EPS));
        // n = 5: 1.25 → cut 1: (2+3+4)/3 = 3; the outlier 100 is gone (the mean would be 22).
        assertThat(Aggregates.iqm(column(1, 2, 3, 4, 100))).isCloseTo(3, within(EPS));
        // n = 7: 1.75 → cut 1: sorted 1,2,3,5,7,8,9 → (2+3+5+7+8)/5 = 5.
        assertThat(Aggregates.iqm(column(5, 1, 9, 3, 7, 2, 8))).isCloseTo(5, within(EPS));
        // n = 3: 0.75 → cut 0: the plain mean (1+2+6)/3 = 3.
        assertThat(Aggregates.iqm(column(1, 2, 6))).isCloseTo(3, within(EPS));
    }

    @Test
    void iqmPoolsAllRunsAndTasks() {
        // 4 runs × 2 tasks holding 1..8: pooled, cut 2 from each end → mean of 3..6 = 4.5. Taking
        // the IQM per task instead would give (the mean of {5,7}=6 + of {2,4}=3)/2 = 4.5 too, so
        // also check a matrix where they differ: tasks {1,2,3,4} and {100,200,300,400} pool to
        // 1,2,3,4,100,200,300,400 → mean of 3,4,100,200 = 76.75 (per task: (2.5+250)/2 = 126.25).
        assertThat(Aggregates.iqm(new double[][] {{8, 1}, {3, 6}, {5, 2}, {7, 4}})).isCloseTo(4.5, within(EPS));
        double[][] twoScales = {{1, 100}, {2, 200}, {3, 300}, {4, 400}};
        assertThat(Aggregates.iqm(twoScales)).isCloseTo(76.75, within(EPS));
    }

    @Test
    void optimalityGapAveragesTheShortfallBelowGamma() {
        // γ = 1: shortfalls max(0, 1 - s) = 0.5, 0 (1.2 is above target, earns nothing), 0.2
        // → (0.5 + 0 + 0.2)/3 = 0.7/3.
        double[][] scores = column(0.5, 1.2, 0.8);
        assertThat(Aggregates.optimalityGap(scores)).isCloseTo(0.7 / 3, within(EPS));
        assertThat(Aggregates.optimalityGap(scores, 1.0)).isCloseTo(0.7 / 3, within(EPS));
        // γ = 2: 1.5 + 0.8 + 1.2 = 3.5 → 3.5/3.
        assertThat(Aggregates.optimalityGap(scores, 2.0)).isCloseTo(3.5 / 3, within(EPS));
        // Everything at or above γ: no gap.
        assertThat(Aggregates.optimalityGap(column(1, 3, 7), 1.0)).isZero();
    }

    @Test
    void malformedMatricesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> Aggregates.mean(new double[0][])).hasMessageContaining("no runs");
        assertThatThrownBy(() -> Aggregates.mean(new double[][] {{}})).hasMessageContaining("no tasks");
        assertThatThrownBy(() -> Aggregates.iqm(new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("ragged").hasMessageContaining("run 1");
        assertThatThrownBy(() -> Aggregates.median(new double[][] {{1}, {Double.NaN}}))
                .hasMessageContaining("scores[1][0]");
        assertThatThrownBy(() -> Aggregates.optimalityGap(column(1), Double.NaN)).hasMessageContaining("gamma");
    }
}
