package dev.simlab.core.run;

import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.MetricLog;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.data.Dataset;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.gan.Gan;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scenario.GanScenario;
import dev.simlab.core.scenario.RlScenario;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scene.HudModel;
import dev.simlab.core.scene.SceneBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code simlab replay}: a saved run shown to a viewer. An RL checkpoint's agent plays greedy
 * episodes through {@link Rollout} at the viewer's pace; a GAN checkpoint's generator is drawn
 * until the viewer closes.
 */
public final class Replay {
    private Replay() {}

    /**
     * Plays greedy episodes on the first env copy, describing every step the viewer asks for, and
     * adds each finished episode's return to {@code returns}. Stops when the viewer's gate says so.
     */
    public static void play(Scenario scenario, CheckpointReader checkpoint, long seed, int episodes, RunMonitor viewer, RunListener listener,
                            List<Double> returns) throws IOException, InterruptedException {
        if (scenario instanceof GanScenario g) {
            show(g, checkpoint, viewer);
            return;
        }
        RlScenario s = (RlScenario) scenario;
        try (VectorEnv env = RlRun.makeVectorEnv(s.env(), s.plan().numEnvs(), s.env().maxEpisodeSteps(),
                RlRun.restoredNormalization(s, checkpoint), false);
             Agent agent = RlRun.makeAgent(s, env, new Rng(seed), new MetricLog())) {
            agent.restore(checkpoint);
            Rollout rollout = new Rollout(env, agent);
            env.reset(seed);
            long steps = 0;
            while (returns.size() < episodes) {
                if (!viewer.gate(0)) return;
                if (viewer.wantsScene(0)) {
                    SceneBuilder b = new SceneBuilder();
                    env.env(0).describe(b, agent.stateValues());
                    b.model(new HudModel.Rl(0, returns.size(), false, returns.size() + 1, env.currentLength(0), steps, env.currentReturn(0),
                            returns.isEmpty() ? Double.NaN : returns.get(returns.size() - 1), Map.of(), Double.NaN, true));
                    viewer.scene(0, b.build());
                }
                rollout.greedy();
                steps++;
                if (env.done(0)) {
                    returns.add(env.episodeReturn(0));
                    listener.episode(new EpisodeRecord(0, returns.size(), env.episodeReturn(0), env.episodeLength(0), steps, 0, Map.of(),
                            Double.NaN, Double.NaN));
                }
            }
        }
    }

    /** Draws the checkpoint's generator (its samples, and the discriminator where it has a picture) until the viewer stops. */
    private static void show(GanScenario s, CheckpointReader checkpoint, RunMonitor viewer) throws IOException, InterruptedException {
        Dataset data = GanRun.makeDataset(s);
        try (Gan gan = GanRun.makeGan(s, data, new Rng(0))) {
            gan.restore(checkpoint);
            while (viewer.gate(0)) {
                if (viewer.wantsScene(0)) {
                    SceneBuilder b = new SceneBuilder();
                    gan.describe(b);
                    viewer.scene(0, b.build());
                }
                Thread.sleep(15);
            }
        }
    }
}
