package dev.simlab.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.env.VectorEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {
    private static final int BEFORE = 1237; // mid-episode, so SARSA has committed next actions
    private static final int AFTER = 1500;

    @TempDir
    Path dir;

    private static VectorEnv cliffs() {
        return Lab.vector(new TimeLimit(new CliffWalk(6, 3), 50), new TimeLimit(new CliffWalk(6, 3), 50));
    }

    private static final String[] SETUP = {"epsilon", "0.3", "epsilon_schedule", "exponential", "epsilon_decay", "0.97",
            "alpha", "0.5", "alpha_schedule", "linear", "alpha_final", "0.05", "alpha_decay_episodes", "40"};

    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "sarsa", "expected-sarsa", "random"})
    void restoringAndContinuingEqualsNeverStopping(String id) throws IOException {
        // Uninterrupted: BEFORE steps, a checkpoint, AFTER more steps.
        VectorEnv envA = cliffs();
        Agent uninterrupted = Lab.agent(id, envA, 11, setup(id));
        run(uninterrupted, envA, BEFORE);
        save(uninterrupted, dir.resolve("midway.ckpt"));
        int[] actionsA = run(uninterrupted, envA, AFTER);
        Map<String, Double> metricsA = uninterrupted.metrics();
        save(uninterrupted, dir.resolve("uninterrupted.ckpt"));

        // Resumed: bring a second env to the same point (envs are not in the agent's checkpoint),
        // then continue with a new agent, seeded differently, restored from the checkpoint.
        VectorEnv envB = cliffs();
        run(Lab.agent(id, envB, 11, setup(id)), envB, BEFORE);
        Agent resumed = Lab.agent(id, envB, 999, setup(id));
        resumed.restore(new CheckpointReader(dir.resolve("midway.ckpt")));
        int[] actionsB = run(resumed, envB, AFTER);
        save(resumed, dir.resolve("resumed.ckpt"));

        assertThat(actionsB).isEqualTo(actionsA);
        assertThat(resumed.metrics()).isEqualTo(metricsA);
        assertThat(Files.readAllBytes(dir.resolve("resumed.ckpt"))).isEqualTo(Files.readAllBytes(dir.resolve("uninterrupted.ckpt")));
    }

    @Test
    void aCheckpointOfAnotherAlgorithmIsRefused() throws IOException {
        VectorEnv env = cliffs();
        save(Lab.agent("q-learning", env, 1), dir.resolve("q.ckpt"));
        Agent sarsa = Lab.agent("sarsa", env, 1);

        assertThatThrownBy(() -> sarsa.restore(new CheckpointReader(dir.resolve("q.ckpt"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("q-learning").hasMessageContaining("sarsa");
    }

    private static String[] setup(String id) {
        return id.equals("random") ? new String[0] : SETUP;
    }

    /** Trains for {@code steps} steps on every copy and returns the actions taken. */
    private static int[] run(Agent agent, VectorEnv env, int steps) {
        Actions actions = new Actions(env.numEnvs(), 0);
        int[] taken = new int[steps * env.numEnvs()];
        for (int t = 0; t < steps; t++) {
            Lab.step(agent, env, actions);
            System.arraycopy(actions.discrete(), 0, taken, t * env.numEnvs(), env.numEnvs());
        }
        return taken;
    }

    private static void save(Agent agent, Path file) throws IOException {
        try (CheckpointWriter out = new CheckpointWriter(file)) {
            agent.save(out);
        }
    }
}
