package dev.simlab.study.prune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.study.prune.History.Curve;
import dev.simlab.study.prune.History.State;
import dev.simlab.study.search.Direction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedianPrunerTest {
    private final MedianPruner pruner = new MedianPruner(Direction.MAX, 5, 2);

    /** Five completed learning curves (returns, maximised); their median at eval i is 10 (i + 1). */
    private static List<Curve> completed() {
        List<Curve> c = new ArrayList<>();
        double[] offsets = {-4, -2, 0, 2, 4};
        for (int t = 0; t < 5; t++) {
            List<Double> v = new ArrayList<>();
            for (int i = 0; i < 6; i++) v.add(10.0 * (i + 1) + offsets[t]);
            c.add(new Curve(t, State.COMPLETE, v));
        }
        return c;
    }

    /** Feeds a curve one evaluation at a time, as a worker would; the index it was pruned at, or -1. */
    private static int prunedAt(Pruner p, List<Curve> others, double... curve) {
        List<Double> sofar = new ArrayList<>();
        for (int i = 0; i < curve.length; i++) {
            List<Curve> all = new ArrayList<>(others);
            all.add(new Curve(9, State.RUNNING, sofar));
            if (p.prune(9, i, curve[i], new History(all))) return i;
            sofar.add(curve[i]);
        }
        return -1;
    }

    @Test
    void aClearlyBadCurveIsPrunedRightAfterWarmupAndAGoodOneNever() {
        assertThat(prunedAt(pruner, completed(), 1, 2, 3, 4, 5, 6)).isEqualTo(2);
        assertThat(prunedAt(pruner, completed(), 15, 25, 35, 45, 55, 65)).isEqualTo(-1);
        // Exactly the median continues: only strictly worse prunes.
        assertThat(prunedAt(pruner, completed(), 10, 20, 30, 40, 50, 60)).isEqualTo(-1);
        assertThat(prunedAt(pruner, completed(), 10, 20, 29.9)).isEqualTo(2);
    }

    @Test
    void theTrialsBestSoFarIsJudgedNotItsLastValue() {
        // A dip at eval 2 after a great start: best so far 50 beats the median 30.
        assertThat(prunedAt(pruner, completed(), 50, 50, 5)).isEqualTo(-1);
        // But the dip is judged against later medians too: 50 < 60 at eval 5.
        assertThat(prunedAt(pruner, completed(), 50, 50, 5, 5, 5, 5)).isEqualTo(5);
    }

    @Test
    void nothingIsPrunedBeforeFiveTrialsCompleteAndRunningOrPrunedOnesDoNotCount() {
        List<Curve> four = new ArrayList<>(completed().subList(0, 4));
        four.add(new Curve(5, State.RUNNING, List.of(100.0, 100.0, 100.0)));
        four.add(new Curve(6, State.PRUNED, List.of(100.0, 100.0, 100.0)));
        assertThat(prunedAt(pruner, four, 1, 2, 3, 4, 5, 6)).isEqualTo(-1);
        // Running and pruned curves do not move the median either.
        List<Curve> five = completed();
        five.add(new Curve(5, State.RUNNING, List.of(100.0, 100.0, 100.0)));
        assertThat(prunedAt(pruner, five, 15, 25, 35)).isEqualTo(-1);
        assertThat(new MedianPruner(Direction.MAX, 0, 0).prune(9, 0, -1, History.empty())).isFalse();
    }

    @Test
    void nanAndMissingValuesFollowOptuna() {
        // All NaN so far: pruned (after warm-up).
        assertThat(prunedAt(pruner, completed(), Double.NaN, Double.NaN, Double.NaN)).isEqualTo(2);
        // A NaN among good values is ignored.
        assertThat(prunedAt(pruner, completed(), 35, 45, Double.NaN, 55)).isEqualTo(-1);
        // No completed trial got to eval 7: nothing to compare against.
        assertThat(pruner.prune(9, 7, -1000, new History(completed()))).isFalse();
    }

    @Test
    void minimisingMirrors() {
        MedianPruner min = new MedianPruner(Direction.MIN, 5, 2);
        List<Curve> losses = new ArrayList<>();
        for (Curve c : completed()) losses.add(new Curve(c.trialNumber(), c.state(), c.values().stream().map(v -> -v).toList()));
        assertThat(prunedAt(min, losses, -1, -2, -3, -4)).isEqualTo(2);
        assertThat(prunedAt(min, losses, -15, -25, -35, -45)).isEqualTo(-1);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(MedianPruner.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(MedianPruner.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    }
}
