package dev.simlab.cli;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.run.EpisodeRecord;
import dev.simlab.core.run.TrainingRun;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.space.Box;
import dev.simlab.renderer.EpisodeRecorder;
import dev.simlab.renderer.Viewer;
import dev.simlab.renderer.ViewerOptions;
import dev.simlab.renderer.ViewerWindow;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", description = "Show a trained agent act greedily in the 3D window: CHECKPOINT is a run folder's "
        + "checkpoints/run-NNN.ckpt (or the run folder, meaning run 0); agent and env are rebuilt from the folder's scenario.yaml.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHECKPOINT", description = "checkpoint file or run folder")
    Path checkpoint;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "3", description = "greedy episodes to play (default ${DEFAULT-VALUE})")
    int episodes;

    @Option(names = "--seed", defaultValue = "12345", description = "seed of the episodes (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--speed", paramLabel = "STEPS/S", defaultValue = "30",
            description = "env steps per second, 0 for as fast as possible; +/- change it live (default ${DEFAULT-VALUE})")
    double speed;

    @Mixin
    WatchCommand.ViewerFlags viewerFlags;

    @Mixin
    SimLab.Common common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (episodes < 1) throw new ConfigException("--episodes", "", "must be at least 1");
        if (speed < 0) throw new ConfigException("--speed", "", "must be 0 (unlimited) or more");
        ViewerWindow.requireDisplay(); // before loading anything: without a display there is nothing to show
        Path file = Files.isDirectory(checkpoint) ? checkpoint.resolve("checkpoints").resolve(TrainingRun.checkpointName(0)) : checkpoint;
        if (!Files.isRegularFile(file)) throw new ConfigException(file.toString(), "", "no such checkpoint");
        Path scenarioFile = file.toAbsolutePath().getParent().getParent().resolve("scenario.yaml");
        if (!Files.isRegularFile(scenarioFile)) throw new ConfigException(scenarioFile.toString(), "", "no scenario.yaml beside the checkpoints folder");
        PrintWriter out = spec.commandLine().getOut();
        try (PluginHost host = common.loadPlugins(spec.commandLine().getErr())) {
            Scenario scenario = new ScenarioLoader(host.registry()).load(scenarioFile.toString(), List.of());
            if (scenario.isGan()) throw new ConfigException(file.toString(), "", "a GAN run has no agent to replay; watch it train with simlab watch");
            if (scenario.agent().type().usesNeuralNetworks()) dev.simlab.nn.Backend.init();
            ViewerOptions options = viewerFlags.options("SimLab replay · " + scenario.name(), speed);
            // replay records every episode it plays
            Viewer viewer = new Viewer(options, EpisodeRecorder.EVERY_EPISODE);
            List<Double> returns = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread player = new Thread(() -> {
                try {
                    play(scenario, file, viewer, returns);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "simlab-replay");
            player.setDaemon(true);
            player.start();
            ViewerWindow.Outcome outcome;
            try {
                outcome = viewer.show(() -> !player.isAlive());
            } finally {
                viewer.stop();
                player.join();
            }
            if (failure.get() != null) throw new IllegalStateException(failure.get().getMessage(), failure.get());
            double mean = returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            out.printf(Locale.ROOT, "%s (%s on %s): %d greedy episode%s shown, return %s (mean %.2f); viewer %s%n", file,
                    scenario.agent().type().id(), scenario.env().type().id(), returns.size(), returns.size() == 1 ? "" : "s",
                    returns.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(), mean, viewer.frameStats().describe());
            if (options.screenshot() != null) out.println("screenshot: " + options.screenshot());
            for (Path gif : viewer.recordings()) out.println("recorded: " + gif);
            return outcome == ViewerWindow.Outcome.CLOSED_BY_USER && returns.size() < episodes ? SimLab.INTERRUPTED : SimLab.OK;
        }
    }

    /** Plays greedy episodes on the first env copy, at the viewer's pace, describing every step it is asked for. */
    private void play(Scenario scenario, Path file, Viewer viewer, List<Double> returns) throws Exception {
        int n = scenario.run().numEnvs();
        List<Env> copies = new ArrayList<>();
        for (int i = 0; i < n; i++) copies.add(TrainingRun.makeEnv(scenario.env(), scenario.env().maxEpisodeSteps()));
        try (VectorEnv env = new VectorEnv(copies);
             Agent agent = scenario.agent().type().factory().create(
                     new AgentContext(env.observationSpace(), env.actionSpace(), n, new Rng(seed)), scenario.agent().params())) {
            agent.restore(new CheckpointReader(file));
            boolean box = env.actionSpace() instanceof Box;
            Actions actions = new Actions(n, box ? env.actionSpace().flatSize() : 0);
            env.reset(seed);
            long steps = 0;
            while (returns.size() < episodes) {
                if (!viewer.gate(0)) return;
                if (viewer.wantsScene(0)) {
                    SceneBuilder b = new SceneBuilder();
                    env.env(0).describe(b, agent.stateValues());
                    b.hud("episode", returns.size() + 1).hud("step", env.currentLength(0)).hud("return", env.currentReturn(0));
                    viewer.scene(0, b.build());
                }
                agent.act(env, false, actions);
                if (box) env.step(actions.continuous());
                else env.step(actions.discrete());
                steps++;
                if (env.done(0)) {
                    returns.add(env.episodeReturn(0));
                    viewer.episode(new EpisodeRecord(0, returns.size(), env.episodeReturn(0), env.episodeLength(0), steps, 0, Map.of(), Double.NaN, Double.NaN));
                }
            }
        }
    }
}
