package dev.simlab.study.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EstimateTest {
    @Test
    void widthAndContainment() {
        Estimate e = new Estimate(0.5, 0.25, 1.0);
        assertThat(e.width()).isEqualTo(0.75);
        assertThat(e.contains(0.25)).isTrue();
        assertThat(e.contains(1.0)).isTrue();
        assertThat(e.contains(1.01)).isFalse();
    }

    @Test
    void reversedOrNaNIntervalsAreRefused() {
        assertThatThrownBy(() -> new Estimate(0.5, 1, 0)).hasMessageContaining("reversed");
        assertThatThrownBy(() -> new Estimate(Double.NaN, 0, 1)).hasMessageContaining("NaN");
    }
}
