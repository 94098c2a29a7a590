package dev.simlab.study.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.param.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridSamplerTest {

    private static SearchSpace space(Object... keysAndSpecs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndSpecs.length; i += 2) m.put((String) keysAndSpecs[i], keysAndSpecs[i + 1]);
        return SearchSpace.parse("study.yaml", m);
    }

    private static List<Map<String, Object>> all(GridSampler g) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int k = 0; k < g.size(); k++) points.add(g.propose(k, List.of(), List.of()));
        return points;
    }

    @Test
    void enumeratesTheProductInFileOrderLastKeyFastest() {
        GridSampler g = new GridSampler(space(
                "agent.gamma", Map.of("values", List.of(0.9, 0.99)),
                "agent.alpha", Map.of("range", List.of(0.0, 1.0), "grid_points", 3),
                "agent.kind", Map.of("values", List.of("a", "b"))));
        assertThat(g.size()).isEqualTo(12);
        List<Map<String, Object>> points = all(g);
        assertThat(points.get(0)).containsExactly(Map.entry("agent.gamma", 0.9), Map.entry("agent.alpha", 0.0), Map.entry("agent.kind", "a"));
        assertThat(points.get(1)).containsExactly(Map.entry("agent.gamma", 0.9), Map.entry("agent.alpha", 0.0), Map.entry("agent.kind", "b"));
        assertThat(points.get(2)).containsExactly(Map.entry("agent.gamma", 0.9), Map.entry("agent.alpha", 0.5), Map.entry("agent.kind", "a"));
        assertThat(points.get(6)).containsExactly(Map.entry("agent.gamma", 0.99), Map.entry("agent.alpha", 0.0), Map.entry("agent.kind", "a"));
        assertThat(points.get(11)).containsExactly(Map.entry("agent.gamma", 0.99), Map.entry("agent.alpha", 1.0), Map.entry("agent.kind", "b"));
        assertThat(points).doesNotHaveDuplicates();
        // The history does not matter.
        assertThat(g.propose(5, List.of(Observation.complete(0, points.get(0), 1.0)), List.of())).isEqualTo(points.get(5));
        assertThatThrownBy(() -> g.propose(12, List.of(), List.of())).hasMessageContaining("the grid has 12 points");
    }

    @Test
    void evenAndLogGridsPrintAsWritten() {
        GridSampler even = new GridSampler(space("a", Map.of("range", List.of(0.0, 1.0), "grid_points", 11)));
        assertThat(all(even).stream().map(p -> p.get("a")).toList())
                .containsExactly(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
        GridSampler log = new GridSampler(space("lr", Map.of("range", List.of(0.001, 1.0), "log", true, "grid_points", 4)));
        assertThat(all(log).stream().map(p -> p.get("lr")).toList()).containsExactly(0.001, 0.01, 0.1, 1.0);
    }

    @Test
    void intGridsAreRoundedAndDeduplicated() {
        GridSampler ints = new GridSampler(space("n", Map.of("range", List.of(1, 4), "grid_points", 7)));
        assertThat(ints.size()).isEqualTo(4);
        assertThat(all(ints).stream().map(p -> p.get("n")).toList()).containsExactly(1, 2, 3, 4);
        GridSampler logInts = new GridSampler(space("batch", Map.of("range", List.of(1, 100), "log", true, "grid_points", 5)));
        assertThat(all(logInts).stream().map(p -> p.get("batch")).toList()).containsExactly(1, 3, 10, 32, 100);
        GridSampler many = new GridSampler(space("n", Map.of("range", List.of(1, 3), "log", true, "grid_points", 50)));
        assertThat(all(many).stream().map(p -> p.get("n")).toList()).containsExactly(1, 2, 3);
    }

    @Test
    void aRangeWithoutGridPointsIsAnErrorNamingTheKey() {
        SearchSpace s = space("agent.gamma", Map.of("values", List.of(0.9)), "agent.alpha", Map.of("range", List.of(0.1, 1.0)));
        assertThatThrownBy(() -> new GridSampler(s))
                .isInstanceOf(ConfigException.class)
                .hasMessage("study.yaml: search.space.agent.alpha: a range in a grid search needs grid_points: N"
                        + " (how many evenly spaced points to try)");
    }

    @Test
    void anEmptySpaceIsOnePoint() {
        GridSampler g = new GridSampler(new SearchSpace("s", List.of()));
        assertThat(g.size()).isEqualTo(1);
        assertThat(g.propose(0, List.of(), List.of())).isEmpty();
    }
}
