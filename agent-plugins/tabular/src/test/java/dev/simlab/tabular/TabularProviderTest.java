package dev.simlab.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.ConfigNode;
import dev.simlab.core.param.Params;
import dev.simlab.core.plugin.AgentType;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TabularProviderTest {
    private static final Box BOX = Box.uniform(-1, 1, 4);

    @Test
    void offersTheFourTabularAgentsWithoutNeuralNetworks() {
        assertThat(new TabularProvider().agents())
                .extracting(AgentType::id)
                .containsExactly("q-learning", "sarsa", "expected-sarsa", "random");
        assertThat(new TabularProvider().agents()).noneMatch(AgentType::usesNeuralNetworks);
    }

    @Test
    void thePluginAdvertisesTheProviderToPf4j() throws IOException {
        // Test compilation writes its own (empty) index too, so look at every copy on the classpath.
        StringBuilder indexes = new StringBuilder();
        Enumeration<URL> found = getClass().getClassLoader().getResources("META-INF/extensions.idx");
        while (found.hasMoreElements()) {
            try (InputStream index = found.nextElement().openStream()) {
                indexes.append(new String(index.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes.toString()).contains(TabularProvider.class.getName());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Params defaults = Lab.type("q-learning").params().validate(null, Set.of("id"));
        assertThat(defaults.asMap())
                .containsEntry("alpha", 0.1).containsEntry("gamma", 0.99).containsEntry("epsilon", 0.1)
                .containsEntry("epsilon_schedule", "constant").containsEntry("epsilon_final", 0.01)
                .containsEntry("epsilon_decay_episodes", 100L).containsEntry("epsilon_decay", 0.99)
                .containsEntry("alpha_schedule", "constant").containsEntry("initial_q", 0.0);
        assertThat(Lab.type("random").params().params()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1.5", "-0.1"})
    void anOutOfRangeStepSizeIsRejectedWithItsKey(String alpha) {
        ConfigNode section = ConfigNode.mapping("lab.yaml:3", "agent");
        section.put("alpha", ConfigNode.scalar("lab.yaml:5", "agent.alpha", alpha));

        assertThatThrownBy(() -> Lab.type("sarsa").params().validate(section, Set.of("id")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lab.yaml:5").hasMessageContaining("agent.alpha").hasMessageContaining("out of range");
    }

    @Test
    void anUnknownScheduleIsRejectedWithTheChoices() {
        ConfigNode section = ConfigNode.mapping("lab.yaml:3", "agent");
        section.put("epsilon_schedule", ConfigNode.scalar("lab.yaml:4", "agent.epsilon_schedule", "linaer"));

        assertThatThrownBy(() -> Lab.type("q-learning").params().validate(section, Set.of("id")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("agent.epsilon_schedule").hasMessageContaining("linear");
    }

    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "sarsa", "expected-sarsa"})
    void aBoxObservationSpaceIsRefusedWithAClearMessage(String id) {
        assertThatThrownBy(() -> create(id, BOX, new Discrete(2)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(id + " cannot act on this env: it needs Discrete observations and this env's are continuous, Box(")
                .hasMessageContaining("tabular agents fit envs with Discrete observations and actions (cliff-walking");
    }

    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "sarsa", "expected-sarsa"})
    void aBoxActionSpaceIsRefusedWithAClearMessage(String id) {
        assertThatThrownBy(() -> create(id, new Discrete(5), BOX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(id + " cannot act on this env: it needs Discrete actions and this env's are continuous, Box(")
                .hasMessageContaining("the random agent acts on any env");
    }

    @Test
    void theRandomBaselineActsInBoxActionSpaces() {
        Agent random = create("random", BOX, BOX);
        VectorEnv env = Lab.vector(new OneStepEnv(2, 0, true), new OneStepEnv(2, 0, true));
        Actions actions = new Actions(2, 4);

        random.act(env, true, actions);

        for (float v : actions.continuous()) assertThat(v).isBetween(-1f, 1f);
        assertThat(actions.continuous()).doesNotHaveDuplicates();
    }

    private static Agent create(String id, Space observations, Space actions) {
        AgentType type = Lab.type(id);
        return type.factory().create(new AgentContext(observations, actions, 2, new Rng(1)), type.params().validate(null, Set.of("id")));
    }
}
