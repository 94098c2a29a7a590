package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DQN plugin through the real plugin jars, on the real cartpole env, with a small budget. */
class DqnRunTest {
    @TempDir
    Path tmp;

    @Test
    void dqnTrainsOnCartPoleRecordsTheBackendAndItsCheckpointEvaluates() throws Exception {
        Path out = tmp.resolve("cp");
        Cli.Result r = Cli.run("run", Cli.scenario("cartpole-dqn"), "--set", "run.steps=3000", "--set", "run.eval_episodes=5",
                "--set", "agent.learning_starts=500", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("backend: nd4j CPU");
        assertThat(Files.readString(out.resolve("scenario.yaml"))).contains("backend: nd4j CPU").contains("dqn: 0.1.0");
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(rows.get(0)).contains("td_loss").contains("mean_q").contains("epsilon");
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"env_steps\": 3000");

        Cli.Result eval = Cli.run("eval", out.resolve("checkpoints/run-000.ckpt").toString(), "--episodes", "3");
        assertThat(eval.exit()).as(eval.err()).isZero();
        assertThat(eval.out()).containsPattern("3 greedy episodes: return \\d+\\.\\d\\d ± ");
        Cli.Result huge = Cli.run("eval", out.toString(), "--episodes", "2000000000");
        assertThat(huge.exit()).isEqualTo(2);
        assertThat(huge.err().strip().lines()).hasSize(1);
        assertThat(huge.err()).contains("--episodes").contains("1000000");
    }

    /**
     * Acrobot's four copies all hit the 500-step limit in the same step: every one of those rows
     * gets the step's averaged TD loss and mean Q (reading the agent's figures changes nothing).
     */
    @Test
    void copiesEndingInTheSameStepAllGetTheTdLoss() throws Exception {
        Path out = tmp.resolve("ac");
        Cli.Result r = Cli.run("run", Cli.scenario("acrobot-dqn"), "--set", "run.steps=2400", "--set", "run.num_envs=4", "--set", "agent.learning_starts=400",
                "--set", "run.eval_episodes=0", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int td = header.indexOf("td_loss"), q = header.indexOf("mean_q"), steps = header.indexOf("env_steps");
        List<String[]> sameStep = rows.subList(1, rows.size()).stream().map(l -> l.split(",", -1)).filter(c -> c[steps].equals("2000")).toList();
        assertThat(sameStep).as(String.join("\n", rows)).hasSize(4);
        for (String[] c : sameStep) {
            assertThat(c[td]).isNotIn("", "NaN").isEqualTo(sameStep.get(0)[td]);
            assertThat(c[q]).isNotIn("", "NaN").isEqualTo(sameStep.get(0)[q]);
        }
    }

    @Test
    void dqnRefusesEnvsWithBoxActionsOrBadNetworkKeys() throws Exception {
        Cli.Result r = Cli.run("run", Cli.scenario("cartpole-dqn"), "--set", "agent.network.activaton=relu", "--out", tmp.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("agent.network.activaton: unknown key; did you mean 'activation'?");

        Path out = tmp.resolve("pendulum");
        Cli.Result box = Cli.run("run", Cli.scenario("cartpole-dqn"), "--set", "env.id=pendulum", "--out", out.toString());
        assertThat(box.exit()).isEqualTo(2);
        assertThat(box.err().strip().lines().count()).as(box.err()).isEqualTo(1);
        assertThat(box.err()).contains("agent.id: dqn cannot act on pendulum: it needs Discrete actions and pendulum's are continuous, Box(shape=[1]);")
                .contains("dqn fits envs with Discrete actions").contains("cartpole").contains("the random agent acts on any env")
                .doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }
}
