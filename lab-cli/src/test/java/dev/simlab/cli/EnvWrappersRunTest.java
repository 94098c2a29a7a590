package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.Experiment;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs with env.normalize_observations and friends on, as a user turns them on in a scenario. */
class EnvWrappersRunTest {
    static PluginHost host;

    @TempDir
    Path tmp;

    @BeforeAll
    static void plugins() {
        host = Cli.plugins();
    }

    @AfterAll
    static void close() {
        host.close();
    }

    private Path run(String name, String folder, String... sets) throws Exception {
        Scenario s = new ScenarioLoader(host.registry()).load(Cli.scenario(name), List.of(sets));
        Path out = tmp.resolve(folder);
        assertThat(Experiment.of(s, out).run().status()).isEqualTo("completed");
        return out;
    }

    /** Each row's run, episode, return, length and env steps: what training did, whatever evaluations found. */
    private static List<String> training(Path folder) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("metrics.csv"))) {
            String[] c = line.split(",", -1);
            out.add(String.join(",", c[0], c[1], c[2], c[3], c[4]));
        }
        return out;
    }

    @Test
    void evaluationReadsTheStatisticsFrozenSoHowOftenItRunsChangesNoTraining() throws Exception {
        String[] base = {"run.steps=2500", "agent.learning_starts=300", "env.normalize_observations=true", "env.normalize_rewards=true"};
        Path rare = run("cartpole-dqn", "rare", concat(base, "run.eval_episodes=2", "run.eval_envs=2"));
        Path often = run("cartpole-dqn", "often", concat(base, "run.eval_episodes=4", "run.eval_envs=2", "run.eval_every=3"));
        assertThat(training(often)).hasSizeGreaterThan(20).isEqualTo(training(rare));

        // and the normalisation does change what DQN learns (it is not silently off)
        Path plain = run("cartpole-dqn", "plain", "run.steps=2500", "agent.learning_starts=300", "run.eval_episodes=2", "run.eval_envs=2");
        assertThat(training(plain)).isNotEqualTo(training(rare));
        assertThat(Files.readString(rare.resolve("scenario.yaml"))).contains("normalize_observations: true").contains("normalize_rewards: true");
    }

    @Test
    void rescaledAndClippedActionsDriveABoxEnvAndReturnsStayTheEnvs() throws Exception {
        // the random agent samples the rescaled space [-1, 1]: the same torques as sampling [-2, 2] directly
        Path rescaled = run("pendulum-random", "rescaled", "run.runs=1", "run.episodes=5", "run.eval_episodes=0", "env.rescale_actions=true",
                "env.clip_actions=true", "env.normalize_rewards=true");
        Path plain = run("pendulum-random", "plain", "run.runs=1", "run.episodes=5", "run.eval_episodes=0");
        List<String> a = training(rescaled), b = training(plain);
        assertThat(a).hasSize(6);
        for (int i = 1; i < a.size(); i++) {
            double ra = Double.parseDouble(a.get(i).split(",")[2]), rb = Double.parseDouble(b.get(i).split(",")[2]);
            assertThat(ra).as("episode " + i + ": a Pendulum return, not a scaled one").isBetween(-3300.0, 0.0);
            assertThat(ra).isCloseTo(rb, org.assertj.core.data.Offset.offset(1e-3 * Math.abs(rb)));
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
