package dev.simlab.study.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.rng.Rng;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class StratifiedBootstrapTest {
    /** Tests pass their own small replicate count: the default's 50,000 is for reports. */
    private static final int REPS = 2_000;

    private static double[][] gaussian(int runs, int tasks, double mean, double sd, long seed) {
        Rng rng = new Rng(seed);
        double[][] m = new double[runs][tasks];
        for (double[] row : m) {
            for (int t = 0; t < tasks; t++) row[t] = mean + sd * rng.nextGaussian();
        }
        return m;
    }

    @Test
    void aConstantMatrixHasAZeroWidthIntervalAtItsValue() {
        // Every replicate of a constant matrix is the same matrix, so all 2,000 aggregates agree.
        double[][] scores = {{0.7, 0.7}, {0.7, 0.7}, {0.7, 0.7}};
        for (Estimate e : new Estimate[] {
                StratifiedBootstrap.interval(scores, Aggregates::iqm, REPS, 0.95, new Rng(1)),
                StratifiedBootstrap.interval(scores, Aggregates::mean, REPS, 0.95, new Rng(1)),
                StratifiedBootstrap.interval(scores, Aggregates::optimalityGap, REPS, 0.95, new Rng(1))}) {
            assertThat(e.width()).isZero();
            assertThat(e.ciLow()).isEqualTo(e.value());
        }
        assertThat(StratifiedBootstrap.interval(scores, Aggregates::iqm, REPS, 0.95, new Rng(1)).value())
                .isCloseTo(0.7, within(1e-12));
    }

    @Test
    void theIntervalContainsThePointEstimate() {
        double[][] scores = gaussian(30, 3, 0.5, 0.2, 11);
        List<ToDoubleFunction<double[][]>> aggregates =
                List.of(Aggregates::mean, Aggregates::median, Aggregates::iqm, Aggregates::optimalityGap);
        for (ToDoubleFunction<double[][]> aggregate : aggregates) {
            Estimate e = StratifiedBootstrap.interval(scores, aggregate, REPS, 0.95, new Rng(2));
            assertThat(e.value()).isEqualTo(aggregate.applyAsDouble(scores));
            assertThat(e.contains(e.value())).as("%s", e).isTrue();
            assertThat(e.width()).isPositive();
        }
    }

    @Test
    void twoRunsOfZeroAndOneGiveTheWholeRange() {
        // One task, runs {0, 1}. A replicate's mean is 0 (both draws 0, p = 1/4), 0.5 (p = 1/2) or
        // 1 (p = 1/4). Of 2,000 replicates about 500 are 0 and 500 are 1, so the 2.5% quantile
        // (order statistic 49.975) is 0 and the 97.5% one is 1: the interval is [0, 1].
        Estimate e = StratifiedBootstrap.interval(new double[][] {{0}, {1}}, Aggregates::mean, REPS, 0.95, new Rng(3));
        assertThat(e).isEqualTo(new Estimate(0.5, 0, 1));
    }

    @Test
    void theMeansIntervalHasTheTextbookWidth() {
        // 400 runs of N(0, 1): the mean's standard error is 1/√400 = 0.05, so a 95% interval is
        // about 2·1.96·0.05 = 0.196 wide; bootstrap noise and the sample's own spread allow ±10%.
        Estimate e = StratifiedBootstrap.interval(gaussian(400, 1, 0, 1, 4), Aggregates::mean, REPS, 0.95, new Rng(5));
        assertThat(e.width()).isBetween(0.176, 0.216);
        // A 50% interval is narrower: about 2·0.674·0.05 = 0.067.
        Estimate half = StratifiedBootstrap.interval(gaussian(400, 1, 0, 1, 4), Aggregates::mean, REPS, 0.5, new Rng(5));
        assertThat(half.width()).isBetween(0.055, 0.080);
    }

    @Test
    void intervalsShrinkAsRunsGrow() {
        // Sixteen times the runs: the standard error falls by √16 = 4; demand at least half that.
        Estimate few = StratifiedBootstrap.interval(gaussian(10, 2, 0.5, 0.3, 6), Aggregates::iqm, REPS, 0.95, new Rng(7));
        Estimate many = StratifiedBootstrap.interval(gaussian(160, 2, 0.5, 0.3, 6), Aggregates::iqm, REPS, 0.95, new Rng(7));
        assertThat(many.width()).isLessThan(few.width() / 2);
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        double[][] scores = gaussian(20, 2, 0, 1, 8);
        Estimate a = StratifiedBootstrap.interval(scores, Aggregates::iqm, 42);
        Estimate b = StratifiedBootstrap.interval(scores, Aggregates::iqm, 42);
        Estimate c = StratifiedBootstrap.interval(scores, Aggregates::iqm, 43);
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        assertThat(c.value()).isEqualTo(a.value());
    }

    @Test
    void everyReplicateKeepsEachTasksRunsWithinThatTask() {
        // Task 0 scores lie in [0, 1), task 1 in [1000, 1001): a replicate mixing tasks would show
        // a small number in column 1 or a big one in column 0. Every replicate the aggregate sees
        // must have all 5 runs of both tasks, each drawn from that task's own column.
        double[][] scores = new double[5][2];
        Rng data = new Rng(9);
        for (double[] row : scores) {
            row[0] = data.nextDouble();
            row[1] = 1000 + data.nextDouble();
        }
        Set<Double> task0 = new HashSet<>();
        Set<Double> task1 = new HashSet<>();
        for (double[] row : scores) {
            task0.add(row[0]);
            task1.add(row[1]);
        }
        AtomicInteger calls = new AtomicInteger();
        Set<String> distinct = new HashSet<>();
        Estimate e = StratifiedBootstrap.interval(scores, replicate -> {
            calls.incrementAndGet();
            assertThat(replicate).hasDimensions(5, 2);
            StringBuilder key = new StringBuilder();
            for (double[] row : replicate) {
                assertThat(task0).contains(row[0]);
                assertThat(task1).contains(row[1]);
                key.append(row[0]).append(',').append(row[1]).append(';');
            }
            distinct.add(key.toString());
            return Aggregates.mean(replicate);
        }, 500, 0.95, new Rng(10));
        assertThat(calls).hasValue(501); // the point estimate, then 500 replicates
        assertThat(distinct).hasSizeGreaterThan(400); // replicates really do differ
        // The mean of a replicate is (task-0 mean + task-1 mean)/2, always within [500, 501).
        assertThat(e.ciLow()).isGreaterThanOrEqualTo(500);
        assertThat(e.ciHigh()).isLessThan(501);
    }

    @Test
    void tasksDrawTheirRunsIndependently() {
        // Runs 0..3 score (r, 10 + r) on two tasks. Resampling whole rows would always pair r with
        // 10 + r; rliable draws indices per task, so mismatched pairs must appear.
        double[][] scores = {{0, 10}, {1, 11}, {2, 12}, {3, 13}};
        Rng rng = new Rng(11);
        boolean mismatched = false;
        for (int i = 0; i < 20 && !mismatched; i++) {
            for (double[] row : StratifiedBootstrap.resample(scores, rng)) {
                if (row[1] - row[0] != 10) mismatched = true;
            }
        }
        assertThat(mismatched).isTrue();
    }

    @Test
    void quantilesInterpolateBetweenOrderStatisticsAsNumpyDoes() {
        // numpy.percentile([1,2,3,4,5], [10, 25, 97.5]) = [1.4, 2.0, 4.9]: h = 4·p, then linear.
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(StratifiedBootstrap.quantile(sorted, 0.10)).isCloseTo(1.4, within(1e-12));
        assertThat(StratifiedBootstrap.quantile(sorted, 0.25)).isCloseTo(2.0, within(1e-12));
        assertThat(StratifiedBootstrap.quantile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
        assertThat(StratifiedBootstrap.quantile(sorted, 1.0)).isEqualTo(5);
        assertThat(StratifiedBootstrap.quantile(new double[] {7}, 0.025)).isEqualTo(7);
    }

    @Test
    void vectorAggregatesShareReplicates() {
        // The same aggregate twice in one vector must get identical intervals (same replicates).
        double[][] scores = gaussian(12, 2, 0, 1, 12);
        Estimate[] both = StratifiedBootstrap.intervals(scores,
                s -> new double[] {Aggregates.iqm(s), Aggregates.iqm(s)}, REPS, 0.95, new Rng(13));
        assertThat(both[0]).isEqualTo(both[1]);
        assertThat(both[0]).isEqualTo(StratifiedBootstrap.interval(scores, Aggregates::iqm, REPS, 0.95, new Rng(13)));
    }

    @Test
    void badArgumentsAreRefused() {
        double[][] scores = {{1}, {2}};
        assertThatThrownBy(() -> StratifiedBootstrap.interval(scores, Aggregates::mean, 0, 0.95, new Rng(1)))
                .hasMessageContaining("reps");
        assertThatThrownBy(() -> StratifiedBootstrap.interval(scores, Aggregates::mean, 10, 1.0, new Rng(1)))
                .hasMessageContaining("confidence");
        assertThatThrownBy(() -> StratifiedBootstrap.interval(scores, s -> Double.NaN, 10, 0.95, new Rng(1)))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> StratifiedBootstrap.interval(new double[][] {{1, 2}, {3}}, Aggregates::mean, 10, 0.95, new Rng(1)))
                .hasMessageContaining("ragged");
    }
}
