package dev.simlab.study.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomSamplerTest {
    private static final int N = 4000;

    private static SearchSpace space() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lr", Map.of("range", List.of(0.001, 10.0), "log", true));
        m.put("tau", Map.of("range", List.of(0.0, 1.0)));
        m.put("n", Map.of("range", List.of(1, 8)));
        m.put("batch", Map.of("range", List.of(1, 1000), "log", true));
        m.put("opt", Map.of("values", List.of("adam", "sgd", "rmsprop")));
        return SearchSpace.parse("s", m);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    @Test
    void drawsStayInsideTheBoundsAndLogRangesAreLogUniform() {
        SearchSpace space = space();
        RandomSampler r = new RandomSampler(space, 7);
        List<Double> log10Lr = new ArrayList<>();
        List<Double> tau = new ArrayList<>();
        List<Double> batch = new ArrayList<>();
        Set<Object> ns = new HashSet<>();
        Map<Object, Integer> opts = new LinkedHashMap<>();
        for (int t = 0; t < N; t++) {
            Map<String, Object> p = r.propose(t, List.of(), List.of());
            assertThat(p.keySet()).containsExactly("lr", "tau", "n", "batch", "opt");
            assertThat(space.contains(p)).isTrue();
            assertThat(p.get("lr")).isInstanceOf(Double.class);
            assertThat(p.get("n")).isInstanceOf(Integer.class);
            log10Lr.add(Math.log10((Double) p.get("lr")));
            tau.add((Double) p.get("tau"));
            batch.add(((Integer) p.get("batch")).doubleValue());
            ns.add(p.get("n"));
            opts.merge(p.get("opt"), 1, Integer::sum);
        }
        // log10 of a log-uniform draw on [1e-3, 10] is uniform on [-3, 1]: median -1, not log10(5).
        assertThat(median(log10Lr)).isCloseTo(-1.0, within(0.1));
        assertThat(median(tau)).isCloseTo(0.5, within(0.03));
        // Log-uniform on [0.5, 1000.5] then rounded: median sqrt(0.5 * 1000.5) = 22.4.
        assertThat(median(batch)).isBetween(19.0, 26.0);
        assertThat(ns).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(opts.values()).allSatisfy(c -> assertThat(c).isBetween(N / 3 - 150, N / 3 + 150));
    }

    @Test
    void aProposalDependsOnlyOnTheSeedAndTrialNumber() {
        SearchSpace space = space();
        RandomSampler a = new RandomSampler(space, 42);
        RandomSampler b = new RandomSampler(space, 42);
        for (int t = 0; t < 20; t++) a.propose(t, List.of(), List.of()); // a has been used; b is fresh
        assertThat(a.propose(7, List.of(), List.of())).isEqualTo(b.propose(7, List.of(), List.of()));
        assertThat(a.propose(7, List.of(), List.of())).isNotEqualTo(a.propose(8, List.of(), List.of()));
        assertThat(new RandomSampler(space, 43).propose(7, List.of(), List.of())).isNotEqualTo(b.propose(7, List.of(), List.of()));
    }
}
