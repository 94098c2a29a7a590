package dev.simlab.study.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.param.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    /** The example of the study file format, as a YAML parser hands it over. */
    static Map<String, Object> exampleSpace() {
        Map<String, Object> space = new LinkedHashMap<>();
        space.put("agent.alpha", Map.of("range", List.of(0.01, 1.0), "log", true));
        space.put("agent.epsilon", Map.of("range", List.of(0.01, 0.5), "log", true));
        space.put("agent.gamma", Map.of("values", List.of(0.9, 0.99, 1.0)));
        space.put("agent.n", Map.of("range", List.of(1, 8)));
        return space;
    }

    @Test
    void keepsTheFileOrderAndTellsIntFromFloatRanges() {
        SearchSpace s = SearchSpace.parse("study.yaml", exampleSpace());
        assertThat(s.keys()).containsExactly("agent.alpha", "agent.epsilon", "agent.gamma", "agent.n");
        assertThat(s.param("agent.alpha")).isEqualTo(new Param.FloatRange("agent.alpha", 0.01, 1.0, true, OptionalInt.empty()));
        assertThat(s.param("agent.gamma")).isEqualTo(new Param.Choice("agent.gamma", List.of(0.9, 0.99, 1.0)));
        assertThat(s.param("agent.n")).isEqualTo(new Param.IntRange("agent.n", 1, 8, false, OptionalInt.empty()));
        assertThat(s.param("nope")).isNull();
        assertThat(s.where()).isEqualTo("study.yaml");
    }

    @Test
    void aFloatEndMakesAFloatRangeAndNumericTextIsANumber() {
        Map<String, Object> space = new LinkedHashMap<>();
        space.put("a", Map.of("range", List.of(1, 8.0)));
        space.put("b", Map.of("range", List.of("1", "16"), "log", "true", "grid_points", "5"));
        space.put("c", Map.of("range", List.of(1L, 4L)));
        SearchSpace s = SearchSpace.parse("x", space);
        assertThat(s.param("a")).isInstanceOf(Param.FloatRange.class);
        assertThat(s.param("b")).isEqualTo(new Param.IntRange("b", 1, 16, true, OptionalInt.of(5)));
        assertThat(s.param("c")).isInstanceOf(Param.IntRange.class);
    }

    @Test
    void valuesMayBeOfAnyTypeAndMatchNumbersByValue() {
        Map<String, Object> space = new LinkedHashMap<>();
        space.put("net.layers", Map.of("values", List.of(List.of(64, 64), List.of(128), "none", true)));
        space.put("g", Map.of("values", List.of(1, 2.5)));
        SearchSpace s = SearchSpace.parse("x", space);
        Param.Choice layers = (Param.Choice) s.param("net.layers");
        assertThat(layers.indexOf(List.of(128))).isEqualTo(1);
        assertThat(layers.contains("none")).isTrue();
        assertThat(layers.contains(false)).isFalse();
        Param.Choice g = (Param.Choice) s.param("g");
        assertThat(g.indexOf(1.0)).isEqualTo(0); // 1.0 from JSON matches 1 from YAML
        assertThat(s.contains(Map.of("net.layers", true, "g", 2.5))).isTrue();
        assertThat(s.contains(Map.of("net.layers", true))).isFalse();
    }

    @Test
    void badEntriesNameTheKeyAndWhatIsWrong() {
        expectError(Map.of("range", List.of(1.0, 0.5)), "range needs low < high, found [1.0, 0.5]");
        expectError(Map.of("range", List.of(2, 2)), "range needs low < high, found [2, 2]");
        expectError(Map.of("range", List.of(0.0, 1.0), "log", true), "log needs low > 0, found low = 0.0");
        expectError(Map.of("range", List.of(0, 8), "log", true), "log needs low > 0, found low = 0");
        expectError(Map.of("range", List.of(1.0)), "range needs two numbers [low, high], found a list [1.0]");
        expectError(Map.of("range", List.of("a", 2)), "range needs two numbers [low, high]");
        expectError(Map.of("range", List.of(0.0, Double.POSITIVE_INFINITY)), "range ends must be finite numbers");
        expectError(Map.of("range", List.of(0L, 5_000_000_000L)), "must fit in 32 bits");
        expectError(Map.of("range", List.of(0, 1), "log", "yes"), "log needs true or false, found 'yes'");
        expectError(Map.of("range", List.of(0, 1), "grid_points", 1), "grid_points needs a whole number >= 2");
        expectError(Map.of("range", List.of(0, 1), "grid_points", 2.5), "grid_points needs a whole number >= 2");
        expectError(Map.of("values", List.of()), "values needs at least one value");
        expectError(Map.of("values", List.of(1, 2, 1.0)), "values lists 1.0 twice");
        expectError(Map.of("values", 3), "values needs a list [a, b, ...], found '3'");
        expectError(Map.of("values", List.of(1, 2), "log", true), "log applies to a range, not to values");
        expectError(Map.of("values", List.of(1, 2), "grid_points", 3), "grid_points applies to a range");
        expectError(Map.of("values", List.of(1), "range", List.of(0, 1)), "give either values or range, not both");
        expectError(Map.of("log", true), "needs values: [a, b, ...] or range: [low, high]");
        expectError(Map.of("rnage", List.of(0, 1)), "unknown setting 'rnage'; valid: values, range, log, grid_points");
        expectError(List.of(0.1, 0.2), "expected {values: [a, b, ...]} or {range: [low, high]}, found a list [0.1, 0.2]");
    }

    private static void expectError(Object spec, String problem) {
        Map<String, Object> space = new LinkedHashMap<>();
        space.put("agent.ok", Map.of("values", List.of(1)));
        space.put("agent.alpha", spec);
        assertThatThrownBy(() -> SearchSpace.parse("study.yaml:7", space))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("study.yaml:7: search.space.agent.alpha: ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("search.space.agent.alpha"));
    }

    @Test
    void aMissingSpaceIsAnError() {
        assertThatThrownBy(() -> SearchSpace.parse("s.yaml", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("search.space");
    }
}
