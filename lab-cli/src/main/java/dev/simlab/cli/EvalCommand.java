package dev.simlab.cli;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.TrainingRun;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "eval", description = "Evaluate a saved agent greedily: CHECKPOINT is a run folder's checkpoints/run-NNN.ckpt "
        + "(or the run folder, meaning run 0); the agent and env are rebuilt from the folder's scenario.yaml.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHECKPOINT", description = "checkpoint file or run folder")
    Path checkpoint;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "100", description = "greedy episodes (default ${DEFAULT-VALUE})")
    int episodes;

    @Option(names = "--seed", defaultValue = "12345", description = "seed of the evaluation episodes (default ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    SimLab.Common common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (episodes < 1) throw new ConfigException("--episodes", "", "must be at least 1");
        Path file = Files.isDirectory(checkpoint) ? checkpoint.resolve("checkpoints").resolve(TrainingRun.checkpointName(0)) : checkpoint;
        if (!Files.isRegularFile(file)) throw new ConfigException(file.toString(), "", "no such checkpoint");
        Path folder = file.toAbsolutePath().getParent().getParent();
        Path scenarioFile = folder.resolve("scenario.yaml");
        if (!Files.isRegularFile(scenarioFile)) throw new ConfigException(scenarioFile.toString(), "", "no scenario.yaml beside the checkpoints folder");
        PrintWriter out = spec.commandLine().getOut();
        try (PluginHost host = common.loadPlugins(spec.commandLine().getErr())) {
            Scenario scenario = new ScenarioLoader(host.registry()).load(scenarioFile.toString(), List.of());
            if (scenario.agent().type().usesNeuralNetworks()) dev.simlab.nn.Backend.init();
            double[] r = TrainingRun.evaluateCheckpoint(scenario, file, episodes, seed);
            double mean = Arrays.stream(r).average().orElse(Double.NaN);
            double std = Math.sqrt(Arrays.stream(r).map(x -> (x - mean) * (x - mean)).average().orElse(Double.NaN));
            out.printf(Locale.ROOT, "%s (%s on %s), %d greedy episodes: return %.2f ± %.2f (min %.2f, max %.2f)%n", file,
                    scenario.agent().type().id(), scenario.env().type().id(), episodes, mean, std,
                    Arrays.stream(r).min().orElse(Double.NaN), Arrays.stream(r).max().orElse(Double.NaN));
        }
        return SimLab.OK;
    }
}
