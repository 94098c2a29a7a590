package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PPO agent through the real plugin jars, on the real cartpole env, with a small budget. */
class PpoRunTest {
    @TempDir
    Path tmp;

    @Test
    void ppoTrainsOnCartPoleWritesItsFiguresAndItsCheckpointEvaluates() throws Exception {
        Path out = tmp.resolve("cp");
        Cli.Result r = Cli.run("run", Cli.scenario("cartpole-ppo"), "--set", "run.runs=1", "--set", "run.steps=3000", "--set", "agent.schedule_steps=3000",
                "--set", "run.eval_episodes=5", "--set", "run.eval_envs=5", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("scenario.yaml"))).contains("actor-critic: 0.1.0").contains("id: ppo");
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(rows.get(0)).contains("policy_loss", "value_loss", "entropy", "approx_kl", "clip_fraction", "learning_rate", "clip_range");
        List<String> header = List.of(rows.get(0).split(","));
        String[] last = rows.get(rows.size() - 1).split(",", -1);
        // 11 full rollouts of 32 steps × 8 copies before 3,000 steps, one minibatch per epoch, 20 epochs each
        assertThat(Double.parseDouble(last[header.indexOf("gradient_steps")])).isEqualTo(220.0);
        // rows between two updates average no gradient step (NaN); the others hold the entropy of a two-action policy
        List<Double> entropies = rows.subList(1, rows.size()).stream().map(l -> Double.parseDouble(l.split(",", -1)[header.indexOf("entropy")]))
                .filter(e -> !e.isNaN()).toList();
        assertThat(entropies).isNotEmpty().allSatisfy(e -> assertThat(e).isBetween(0.0, Math.log(2)));

        Cli.Result eval = Cli.run("eval", out.resolve("checkpoints/run-000.ckpt").toString(), "--episodes", "3");
        assertThat(eval.exit()).as(eval.err()).isZero();
        assertThat(eval.out()).containsPattern("3 greedy episodes: return \\d+\\.\\d\\d ± ");
    }

    /** Box actions: the Gaussian policy on Pendulum, its actions clipped to the torque bounds; the log std is a gauge. */
    @Test
    void ppoActsOnPendulumsBoxActions() throws Exception {
        Path out = tmp.resolve("pendulum");
        Cli.Result r = Cli.run("run", Cli.scenario("cartpole-ppo"), "--set", "env.id=pendulum", "--set", "run.runs=1", "--set", "run.steps=1600",
                "--set", "run.eval_episodes=2", "--set", "run.eval_envs=2", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(rows.get(0)).contains("action_std", "policy_loss", "clip_fraction");
        List<String> header = List.of(rows.get(0).split(","));
        double std = Double.parseDouble(rows.get(rows.size() - 1).split(",", -1)[header.indexOf("action_std")]);
        assertThat(std).as("exp(log std) after six updates from 1").isPositive().isNotEqualTo(1.0).isLessThan(2.0);
    }

    @Test
    void ppoRefusesEnvsItCannotActOnAndMinibatchesLargerThanTheRollout() throws Exception {
        Path out = tmp.resolve("cliff");
        Cli.Result grid = Cli.run("run", Cli.scenario("cartpole-ppo"), "--set", "env.id=cliff-walking", "--out", out.toString());
        assertThat(grid.exit()).isEqualTo(2);
        assertThat(grid.err().strip().lines().count()).as(grid.err()).isEqualTo(1);
        assertThat(grid.err()).contains("agent.id: ppo cannot act on cliff-walking: it needs flat (one-dimensional) Box observations and cliff-walking's are")
                .contains("ppo fits envs with Discrete or flat Box actions").contains("the random agent acts on any env").doesNotContain("\tat ");
        assertThat(out).doesNotExist();

        Cli.Result big = Cli.run("run", Cli.scenario("cartpole-ppo"), "--set", "run.num_envs=4", "--out", tmp.resolve("b").toString());
        assertThat(big.exit()).isEqualTo(2);
        assertThat(big.err().strip().lines().count()).as(big.err()).isEqualTo(1);
        assertThat(big.err()).contains("agent.batch_size: 256 is larger than a rollout (n_steps 32 × 4 env copies)");
    }
}
