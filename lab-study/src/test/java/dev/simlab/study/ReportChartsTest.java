package dev.simlab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The names the report's plots show: short enough to fit, never ambiguous. */
class ReportChartsTest {
    @Test
    void theSharedStartOfComparedNamesIsLeftOut() {
        assertThat(ReportCharts.shortNames(List.of("cliff-walking-expected-sarsa", "cliff-walking-sarsa", "cliff-walking-qlearning")))
                .containsExactly("expected-sarsa", "sarsa", "qlearning");
        // only up to a separator: "cliff-walking-s" is shared, but "arsa" would read as nonsense
        assertThat(ReportCharts.shortNames(List.of("cliff-walking-sarsa", "cliff-walking-sarsa-lambda")))
                .containsExactly("sarsa", "sarsa-lambda");
    }

    @Test
    void namesStayWholeWhenCuttingWouldLoseThem() {
        assertThat(ReportCharts.shortNames(List.of("only-one"))).containsExactly("only-one");
        assertThat(ReportCharts.shortNames(List.of("17db20c98608", "ab3c6b339ab9"))).containsExactly("17db20c98608", "ab3c6b339ab9");
        // one name is the shared start itself: cut, it would be empty
        assertThat(ReportCharts.shortNames(List.of("run-", "run-b"))).containsExactly("run-", "b");
    }

    @Test
    void longNamesKeepTheirEnd() {
        String path = "experiments/2026/november/agents/cliff-walking-expected-sarsa";
        assertThat(ReportCharts.shortNames(List.of(path, "x"))).first().asString().hasSize(32).startsWith("…").endsWith("expected-sarsa");
    }
}
