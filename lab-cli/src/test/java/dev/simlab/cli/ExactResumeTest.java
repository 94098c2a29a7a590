package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.EpisodeRecord;
import dev.simlab.core.run.Experiment;
import dev.simlab.core.run.RunListener;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A built-in scenario stopped part-way (as Ctrl-C does) and resumed writes exactly the
 * metrics.csv rows of the same scenario run uninterrupted, wall clock aside: every built-in env
 * family (gridworld with wind and slippery ice, the classic-control envs with Discrete and Box
 * actions, driving), tabular, random, DQN and PPO agents (PPO with Discrete and Box actions, stopped in the middle of a rollout), the env wrappers (observation and reward
 * normalisation, whose statistics the checkpoint carries; action rescaling and clipping), and
 * GANs on 2D and image data. Stopped mid-episode, so the env copies' saved state carries the
 * interrupted episodes.
 */
class ExactResumeTest {
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cliff-walking-sarsa    | run.runs=3;run.episodes=300;run.checkpoint_every=50                          | 1 | 120",
        "windy-gridworld-sarsa  | run.runs=2;run.episodes=100                                                  | 1 | 40",
        "frozenlake-qlearning   | run.runs=2;run.episodes=2000;run.eval_every=500                              | 0 | 700",
        "cartpole-dqn           | run.steps=3000;agent.learning_starts=400;run.eval_episodes=3;run.eval_envs=3;run.eval_every=30 | 0 | 40",
        "mountaincar-dqn        | run.steps=2400;agent.learning_starts=400;run.eval_episodes=2;run.eval_envs=2;agent.n_step=3    | 0 | 4",
        "acrobot-dqn            | run.steps=2400;agent.learning_starts=400;run.eval_episodes=2;run.eval_envs=2                   | 0 | 1",
        "highway-fast-dqn       | run.steps=600;agent.learning_starts=100;run.eval_episodes=2;run.eval_envs=2                    | 0 | 6",
        "cartpole-ppo           | run.runs=2;run.steps=3000;agent.schedule_steps=3000;run.eval_episodes=3;run.eval_envs=3;run.eval_every=30 | 1 | 50",
        "cartpole-ppo           | env.id=pendulum;env.normalize_observations=true;run.runs=1;run.num_envs=2;agent.batch_size=32;run.steps=1200;run.eval_episodes=1;run.eval_envs=1 | 0 | 3",
        "cartpole-dqn           | run.steps=3000;agent.learning_starts=400;run.eval_episodes=3;run.eval_envs=3;run.eval_every=30;env.normalize_observations=true;env.normalize_rewards=true | 0 | 40",
        "pendulum-sac           | run.runs=1;run.steps=1000;agent.batch_size=32;agent.network.hidden=[32, 32];run.eval_episodes=1;run.eval_envs=1;run.eval_every=2 | 0 | 2",
        "pendulum-random        | run.runs=2;run.episodes=12;run.eval_every=4;run.eval_episodes=2;env.rescale_actions=true;env.clip_actions=true;env.normalize_observations=true;env.normalize_rewards=true | 1 | 5",
        "gan-ring               | run.runs=2;run.iterations=200;run.eval_every=100;run.eval_samples=400;run.checkpoint_every=70  | 1 | 2",
        "gan-digits             | run.runs=1;run.iterations=120;run.eval_every=60;run.eval_samples=200;run.log_every=20          | 0 | 3",
    })
    void stoppedAndResumedWritesTheUninterruptedRows(String name, String sets, int stopRun, int stopAtRow) throws Exception {
        List<String> overrides = List.of(sets.split(";"));
        Scenario s = new ScenarioLoader(host.registry()).load(Cli.scenario(name), overrides);
        Path whole = tmp.resolve("whole"), cut = tmp.resolve("cut");
        assertThat(Experiment.of(s, whole).run().status()).isEqualTo("completed");

        Experiment<?> first = Experiment.of(s, cut);
        long[] seen = new long[1];
        first.listen(new RunListener() {
            @Override
            public void episode(EpisodeRecord r) {
                if (r.run() == stopRun && ++seen[0] == stopAtRow) first.requestStop();
            }
        });
        // interrupted: stopped before its budget was spent (acrobot's four copies all end their only episodes in one step)
        assertThat(first.run().status()).isEqualTo("interrupted");
        assertThat(Cli.rowsWithoutWallClock(cut).size()).isLessThanOrEqualTo(Cli.rowsWithoutWallClock(whole).size());

        assertThat(Experiment.of(s, cut).resume().run().status()).isEqualTo("completed");
        assertThat(Cli.rowsWithoutWallClock(cut)).isEqualTo(Cli.rowsWithoutWallClock(whole));
    }
}
