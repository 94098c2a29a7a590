package dev.simlab.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.env.VectorEnv;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Termination ends the return; truncation only cuts the episode off, so the next state still counts. */
class TdTargetTest {
    // Every Q starts at 10, α = 1 makes Q(s, a) equal to its target after one update, γ = 0.5:
    // the target is r = 1 without bootstrapping and 1 + 0.5 · 10 = 6 with it.
    private static final String[] SETUP = {"alpha", "1", "gamma", "0.5", "initial_q", "10"};

    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "sarsa", "expected-sarsa"})
    void terminalTransitionsDoNotBootstrap(String id) {
        VectorEnv env = Lab.vector(new OneStepEnv(1, 1, true));
        Agent agent = Lab.agent(id, env, 4, SETUP);

        Lab.step(agent, env, new Actions(1, 0));

        assertThat(env.terminated()[0]).isTrue();
        assertThat(agent.stateValues().values()[0]).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "sarsa", "expected-sarsa"})
    void truncatedTransitionsBootstrapFromTheNextState(String id) {
        VectorEnv env = Lab.vector(new TimeLimit(new OneStepEnv(1, 1, false), 1));
        Agent agent = Lab.agent(id, env, 4, SETUP);

        Lab.step(agent, env, new Actions(1, 0));

        assertThat(env.truncated()[0]).isTrue();
        assertThat(env.terminated()[0]).isFalse();
        assertThat(agent.stateValues().values()[0]).isEqualTo(6.0);
    }
}
