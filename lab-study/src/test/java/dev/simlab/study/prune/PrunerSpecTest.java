package dev.simlab.study.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.param.ConfigException;
import dev.simlab.study.search.Direction;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunerSpecTest {

    @Test
    void buildsThePrunerOfTheStudyFile() {
        assertThat(Pruner.fromSpec("s.yaml", Map.of("method", "median", "warmup_evals", 2), Direction.MAX)).isInstanceOf(MedianPruner.class);
        assertThat(Pruner.fromSpec("s.yaml", Map.of("method", "asha", "min_resource", 2), Direction.MAX)).isInstanceOf(AshaPruner.class);
        assertThat(Pruner.fromSpec("s.yaml", Map.of("method", "none"), Direction.MAX)).isSameAs(Pruner.NONE);
        assertThat(Pruner.fromSpec("s.yaml", null, Direction.MAX)).isSameAs(Pruner.NONE);
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> Pruner.fromSpec("s.yaml", Map.of("method", "hyperband"), Direction.MAX))
                .isInstanceOf(ConfigException.class).hasMessage("s.yaml: prune.method: expected median, asha or none, found 'hyperband'");
        assertThatThrownBy(() -> Pruner.fromSpec("s.yaml", Map.of("method", "median", "warmup_evals", -1), Direction.MAX))
                .isInstanceOf(ConfigException.class).hasMessageContaining("prune.warmup_evals: needs a whole number >= 0");
        assertThatThrownBy(() -> Pruner.fromSpec("s.yaml", Map.of("method", "asha", "reduction_factor", 1), Direction.MAX))
                .isInstanceOf(ConfigException.class).hasMessageContaining("prune.reduction_factor: needs a whole number >= 2");
        assertThatThrownBy(() -> Pruner.fromSpec("s.yaml", Map.of("method", "asha", "warmup_evals", 2), Direction.MAX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("prune.warmup_evals: does not apply to prune method asha; valid: method, min_resource, reduction_factor");
    }
}
