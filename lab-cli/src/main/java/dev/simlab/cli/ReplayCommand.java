package dev.simlab.cli;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.Replay;
import dev.simlab.core.scenario.GanScenario;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import dev.simlab.renderer.EpisodeRecorder;
import dev.simlab.renderer.Viewer;
import dev.simlab.renderer.ViewerOptions;
import dev.simlab.renderer.ViewerWindow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", description = "Show a trained agent act greedily (or a trained GAN's generator) in the 3D window: CHECKPOINT is a run folder's "
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
        Path file = EvalCommand.checkpointFile(checkpoint);
        Path scenarioFile = EvalCommand.scenarioOf(file);
        PrintWriter out = spec.commandLine().getOut();
        try (PluginHost host = common.loadPlugins(spec.commandLine().getErr())) {
            Scenario scenario = new ScenarioLoader(host.registry()).load(scenarioFile.toString(), List.of());
            CheckpointReader reader = EvalCommand.read(file);
            if (scenario.usesNeuralNetworks()) dev.simlab.nn.Backend.init();
            ViewerOptions options = viewerFlags.options("SimLab replay · " + scenario.name(), speed);
            // replay records every episode it plays
            Viewer viewer = new Viewer(options, EpisodeRecorder.EVERY_EPISODE);
            List<Double> returns = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread player = new Thread(() -> {
                try {
                    Replay.play(scenario, reader, seed, episodes, viewer, viewer, returns);
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
            String parts = EvalCommand.trainedOn(scenario);
            if (scenario instanceof GanScenario) {
                out.printf(Locale.ROOT, "%s (%s): generator shown; viewer %s%n", file, parts, viewer.frameStats().describe());
            } else {
                double mean = returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                out.printf(Locale.ROOT, "%s (%s): %d greedy episode%s shown, return %s (mean %.2f); viewer %s%n", file, parts,
                        returns.size(), returns.size() == 1 ? "" : "s",
                        returns.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(), mean, viewer.frameStats().describe());
            }
            if (options.screenshot() != null) out.println("screenshot: " + options.screenshot());
            for (Path clip : viewer.recordings()) out.println("recorded: " + clip);
            return outcome == ViewerWindow.Outcome.CLOSED_BY_USER && !(scenario instanceof GanScenario) && returns.size() < episodes ? SimLab.INTERRUPTED : SimLab.OK;
        }
    }
}
