package dev.simlab.study.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {

    /** a log-uniform on [1e-3, 10], b uniform on [0, 1]; the optimum (a, b) = (0.1, 0.3) is 0. */
    private static SearchSpace twoD() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", Map.of("range", List.of(0.001, 10.0), "log", true));
        m.put("b", Map.of("range", List.of(0.0, 1.0)));
        return SearchSpace.parse("s", m);
    }

    private static double bowl(Map<String, Object> p) {
        double a = Math.log10((Double) p.get("a")) + 1;
        double b = (Double) p.get("b") - 0.3;
        return a * a + b * b;
    }

    /** A sequential study: each trial sees every earlier one finished. */
    private static List<Observation> run(Sampler s, int trials, ToDoubleFunction<Map<String, Object>> f) {
        List<Observation> done = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            Map<String, Object> p = s.propose(t, done, List.of());
            done.add(Observation.complete(t, p, f.applyAsDouble(p)));
        }
        return done;
    }

    private static double best(List<Observation> h) {
        return h.stream().mapToDouble(Observation::value).min().orElseThrow();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    @Test
    void beatsRandomSearchOnABowl() {
        SearchSpace space = twoD();
        double[] tpe = new double[10];
        double[] random = new double[10];
        for (int seed = 0; seed < 10; seed++) {
            tpe[seed] = best(run(new TpeSampler(space, seed, Direction.MIN), 60, TpeSamplerTest::bowl));
            random[seed] = best(run(new RandomSampler(space, seed), 60, TpeSamplerTest::bowl));
        }
        assertThat(median(tpe)).isLessThan(median(random));
        assertThat(median(tpe)).isLessThan(0.5 * median(random));
    }

    @Test
    void maximisesWhenAskedTo() {
        SearchSpace space = twoD();
        double[] tpe = new double[10];
        double[] random = new double[10];
        for (int seed = 0; seed < 10; seed++) {
            tpe[seed] = -run(new TpeSampler(space, seed, Direction.MAX), 60, p -> -bowl(p)).stream()
                    .mapToDouble(Observation::value).max().orElseThrow();
            random[seed] = best(run(new RandomSampler(space, seed), 60, TpeSamplerTest::bowl));
        }
        assertThat(median(tpe)).isLessThan(0.5 * median(random));
    }

    @Test
    void startsWithTheRandomSamplersProposals() {
        SearchSpace space = twoD();
        List<Observation> h = run(new TpeSampler(space, 3, Direction.MIN), 10, TpeSamplerTest::bowl);
        RandomSampler random = new RandomSampler(space, 3);
        for (int t = 0; t < 10; t++) assertThat(h.get(t).params()).isEqualTo(random.propose(t, List.of(), List.of()));
        // The 11th is TPE's own.
        assertThat(new TpeSampler(space, 3, Direction.MIN).propose(10, h, List.of()))
                .isNotEqualTo(random.propose(10, List.of(), List.of()));
    }

    @Test
    void sameSeedAndHistoryGiveTheSameProposalWhateverTheOrderOfTheLists() {
        SearchSpace space = twoD();
        List<Observation> h = run(new TpeSampler(space, 5, Direction.MIN), 30, TpeSamplerTest::bowl);
        List<Pending> pending = List.of(
                new Pending(30, Map.of("a", 0.1, "b", 0.3)), new Pending(31, Map.of("a", 0.2, "b", 0.5)),
                new Pending(32, Map.of("a", 0.05, "b", 0.25)));
        Map<String, Object> expected = new TpeSampler(space, 5, Direction.MIN).propose(33, h, pending);
        Random shuffle = new Random(1);
        for (int i = 0; i < 5; i++) {
            List<Observation> hs = new ArrayList<>(h);
            List<Pending> ps = new ArrayList<>(pending);
            Collections.shuffle(hs, shuffle);
            Collections.shuffle(ps, shuffle);
            TpeSampler fresh = new TpeSampler(space, 5, Direction.MIN);
            assertThat(fresh.propose(33, hs, ps)).isEqualTo(expected);
        }
        assertThat(new TpeSampler(space, 6, Direction.MIN).propose(33, h, pending)).isNotEqualTo(expected);
        // A coordinator that registers trial 33 as pending before asking gets the same proposal.
        List<Pending> withSelf = new ArrayList<>(pending);
        withSelf.add(new Pending(33, Map.of("a", 1.0, "b", 0.9)));
        assertThat(new TpeSampler(space, 5, Direction.MIN).propose(33, h, withSelf)).isEqualTo(expected);
    }

    @Test
    void splitsByGammaAndPutsPrunedAfterCompleteAndFailedAndPendingInTheBadGroup() {
        TpeSampler tpe = new TpeSampler(twoD(), 0, Direction.MAX);
        List<Observation> h = new ArrayList<>();
        Map<String, Object> p = Map.of("a", 1.0, "b", 0.5);
        // 2 complete, 12 pruned (at evals 0-2, last values 2..13), 1 failed, 1 pending: n = 14, gamma = 2.
        h.add(Observation.complete(0, p, 5.0));
        h.add(Observation.complete(1, p, 9.0));
        for (int t = 2; t < 14; t++) h.add(Observation.pruned(t, p, t % 3, t));
        h.add(Observation.failed(14, p));
        TpeSampler.Split split = tpe.split(h, List.of(new Pending(15, p)));
        assertThat(TpeSampler.gamma(14)).isEqualTo(2);
        assertThat(split.good()).extracting(Pending::trialNumber).containsExactly(0, 1);
        assertThat(split.bad()).extracting(Pending::trialNumber).containsExactlyElementsOf(range(2, 16));

        // One complete trial only: the second good one is the pruned trial that got furthest and,
        // among those (eval 2: trials 2, 5, 8, 11), had the best last value (maximising: 11).
        List<Observation> h2 = new ArrayList<>(h.subList(1, h.size()));
        TpeSampler.Split split2 = tpe.split(h2, List.of());
        assertThat(TpeSampler.gamma(13)).isEqualTo(2);
        assertThat(split2.good()).extracting(Pending::trialNumber).containsExactly(1, 11);
        // Minimising, the pruned trial at eval 2 with the lowest last value wins.
        TpeSampler.Split split3 = new TpeSampler(twoD(), 0, Direction.MIN).split(h2, List.of());
        assertThat(split3.good()).extracting(Pending::trialNumber).containsExactly(1, 2);
    }

    @Test
    void gammaIsOptunasDefault() {
        assertThat(TpeSampler.gamma(10)).isEqualTo(1);
        assertThat(TpeSampler.gamma(11)).isEqualTo(2);
        assertThat(TpeSampler.gamma(100)).isEqualTo(10);
        assertThat(TpeSampler.gamma(1000)).isEqualTo(25);
    }

    @Test
    void constantLiarSpreadsParallelProposals() {
        SearchSpace space = twoD();
        int changed = 0;
        for (int seed = 0; seed < 20; seed++) {
            TpeSampler tpe = new TpeSampler(space, seed, Direction.MIN);
            List<Observation> h = run(tpe, 20, TpeSamplerTest::bowl);
            // Four workers ask in turn; each sees the earlier proposals pending.
            List<Pending> pending = new ArrayList<>();
            for (int t = 20; t < 24; t++) pending.add(new Pending(t, tpe.propose(t, h, pending)));
            assertThat(pending.stream().map(Pending::params).distinct().count()).isEqualTo(4);
            // The same trial asked again with its twin pending: l(x) and the 24 candidates are the
            // same, only g(x) has grown at the twin, so the proposal moves or stays, never appears anew.
            Map<String, Object> alone = tpe.propose(25, h, List.of());
            Map<String, Object> withTwin = tpe.propose(25, h, List.of(new Pending(24, alone)));
            if (!withTwin.equals(alone)) changed++;
        }
        assertThat(changed).isGreaterThanOrEqualTo(15); // 20 of 20 when written
    }

    @Test
    void handlesIntsLogIntsAndValuesAndLearnsTheGoodValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("opt", Map.of("values", List.of("adam", "sgd", "rmsprop", "lion")));
        m.put("n", Map.of("range", List.of(1, 8)));
        m.put("batch", Map.of("range", List.of(1, 1024), "log", true));
        SearchSpace space = SearchSpace.parse("s", m);
        ToDoubleFunction<Map<String, Object>> f = p -> (p.get("opt").equals("sgd") ? 0 : 1)
                + Math.abs((Integer) p.get("n") - 6) + Math.abs(Math.log((Integer) p.get("batch") / 64.0));
        List<Observation> h = run(new TpeSampler(space, 1, Direction.MIN), 60, f);
        assertThat(h).allSatisfy(o -> assertThat(space.contains(o.params())).isTrue());
        assertThat(h).allSatisfy(o -> {
            assertThat(o.params().get("n")).isInstanceOf(Integer.class);
            assertThat(o.params().get("batch")).isInstanceOf(Integer.class);
        });
        long sgdLate = h.subList(30, 60).stream().filter(o -> o.params().get("opt").equals("sgd")).count();
        assertThat(sgdLate).isGreaterThan(15); // random would give about 7.5 of 30
        assertThat(best(h)).isLessThan(1.0);
    }

    @Test
    void historyValuesOutsideTheSpaceAreSkipped() {
        SearchSpace space = twoD();
        List<Observation> h = new ArrayList<>(run(new TpeSampler(space, 2, Direction.MIN), 12, TpeSamplerTest::bowl));
        h.add(Observation.complete(12, Map.of("a", 50.0, "b", "x"), -100));
        h.add(Observation.complete(13, Map.of("c", 1), -100));
        Map<String, Object> p = new TpeSampler(space, 2, Direction.MIN).propose(14, h, List.of());
        assertThat(space.contains(p)).isTrue();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i < to; i++) r.add(i);
        return r;
    }
}
