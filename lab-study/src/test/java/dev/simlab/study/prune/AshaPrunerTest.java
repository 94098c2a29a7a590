package dev.simlab.study.prune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.study.prune.History.Curve;
import dev.simlab.study.prune.History.State;
import dev.simlab.study.search.Direction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AshaPrunerTest {

    @Test
    void rungsSitAtMinResourceTimesEtaToTheK() {
        AshaPruner asha = new AshaPruner(Direction.MAX, 1, 3);
        // After 1, 3, 9, 27 evaluations: indices 0, 2, 8, 26.
        assertThat(List.of(0, 1, 2, 3, 8, 9, 26).stream().map(asha::rungAt).toList()).containsExactly(0, -1, 1, -1, 2, -1, 3);
        AshaPruner two = new AshaPruner(Direction.MAX, 2, 2);
        assertThat(List.of(0, 1, 3, 7, 15, 16).stream().map(two::rungAt).toList()).containsExactly(-1, 0, 1, 2, 3, -1);
    }

    @Test
    void atARungOnlyTheTopThirdOfTheValuesRecordedSoFarContinue() {
        AshaPruner asha = new AshaPruner(Direction.MAX, 1, 3);
        double[] arrivals = {5, 3, 8, 1, 9, 4, 8.5, 8.7, 7};
        // Recorded so far including itself, keep max(1, m / 3):
        //  5: [5] keep 1 -> on;  3: [5,3] keep 1 -> off;  8: keep 1, best -> on;  1: off;  9: best -> on;
        //  4: m=6 keep 2 (9, 8) -> off;  8.5: m=7 keep 2 (9, 8.5) -> on;  8.7: m=8 keep 2 (9, 8.7) -> on;
        //  7: m=9 keep 3 (9, 8.7, 8.5) -> off.
        boolean[] expected = {false, true, false, true, false, true, false, false, true};
        List<Curve> history = new ArrayList<>();
        for (int t = 0; t < arrivals.length; t++) {
            boolean pruned = asha.prune(t, 0, arrivals[t], new History(history));
            assertThat(pruned).as("trial %d with %s", t, arrivals[t]).isEqualTo(expected[t]);
            history.add(new Curve(t, pruned ? State.PRUNED : State.RUNNING, List.of(arrivals[t])));
        }
    }

    @Test
    void betweenRungsNothingIsPrunedAndTheNextRungComparesOnlyThoseThatGotThere() {
        AshaPruner asha = new AshaPruner(Direction.MIN, 1, 3);
        List<Curve> history = List.of(
                new Curve(0, State.COMPLETE, List.of(1.0, 1.0, 0.5, 0.4)),
                new Curve(1, State.PRUNED, List.of(3.0)),
                new Curve(2, State.RUNNING, List.of(0.9, 0.8, 0.6)));
        History h = new History(history);
        assertThat(asha.prune(3, 1, 100, h)).isFalse(); // eval 1 is no rung
        // Rung 1 (eval 2) holds 0.5 and 0.6; with 0.55 m = 3, keep 1: 0.5 is better.
        assertThat(asha.prune(3, 2, 0.55, h)).isTrue();
        assertThat(asha.prune(3, 2, 0.45, h)).isFalse();
        assertThat(asha.prune(3, 2, 0.5, h)).isFalse(); // a tie with the best continues
        assertThat(asha.prune(3, 2, Double.NaN, h)).isTrue();
        // The judged trial's own earlier curve is not a competitor.
        History withOwn = new History(List.of(new Curve(0, State.COMPLETE, List.of(1.0)), new Curve(3, State.RUNNING, List.of(0.1))));
        assertThat(asha.prune(3, 0, 0.9, withOwn)).isFalse();
    }
}
