package dev.simlab.cli;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.RunFolder;
import dev.simlab.core.run.RunKind;
import dev.simlab.core.scenario.GanScenario;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "eval", description = "Evaluate a saved run: CHECKPOINT is a run folder's checkpoints/run-NNN.ckpt (or the run folder, "
        + "meaning run 0), rebuilt from the folder's scenario.yaml. An agent plays greedy episodes; a GAN's generator draws fresh samples, "
        + "scored as during training (modes and high quality for 2D mixtures, the image scores for images).")
final class EvalCommand implements Callable<Integer> {
    /** The most episodes or samples one evaluation takes: beyond this it would only run out of memory. */
    static final int MAX_AMOUNT = 1_000_000;

    @Parameters(paramLabel = "CHECKPOINT", description = "checkpoint file or run folder")
    Path checkpoint;

    @Option(names = "--episodes", paramLabel = "N", description = "greedy episodes (default 100), or generated samples for a GAN (default: run.eval_samples)")
    Integer episodes;

    @Option(names = "--seed", defaultValue = "12345", description = "seed of the evaluation episodes (default ${DEFAULT-VALUE}); a GAN continues its checkpoint's sample stream")
    long seed;

    @Mixin
    SimLab.Common common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (episodes != null && (episodes < 1 || episodes > MAX_AMOUNT)) {
            throw new ConfigException("--episodes", "", "must be from 1 to " + MAX_AMOUNT);
        }
        Path file = checkpointFile(checkpoint);
        Scenario scenario;
        PrintWriter out = spec.commandLine().getOut();
        try (PluginHost host = common.loadPlugins(spec.commandLine().getErr())) {
            scenario = new ScenarioLoader(host.registry()).load(scenarioOf(file).toString(), List.of());
            if (scenario.usesNeuralNetworks()) dev.simlab.nn.Backend.init();
            int n = episodes != null ? episodes : scenario instanceof GanScenario g ? g.plan().evalSamples() : 100;
            Map<String, Double> figures = evaluate(scenario, read(file), n);
            StringBuilder sb = new StringBuilder();
            Map<String, Double> rest = new java.util.LinkedHashMap<>(figures);
            if (figures.containsKey("return_mean")) {
                sb.append(String.format(Locale.ROOT, "return %.2f ± %.2f (min %.2f, max %.2f)", rest.remove("return_mean"), rest.remove("return_std"),
                        rest.remove("return_min"), rest.remove("return_max")));
            }
            rest.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format(Locale.ROOT, "%.4g", v)));
            String parts = EvalCommand.trainedOn(scenario);
            if (figures.containsKey("psnr")) {
                // inpainting and super-resolution score the run's own held-out images (gan.test_images), not --episodes samples
                out.printf(Locale.ROOT, "%s (%s), held-out images: %s%n", file, parts, sb);
            } else {
                out.printf(Locale.ROOT, "%s (%s), %d %s: %s%n", file, parts, n,
                        scenario instanceof GanScenario ? "generated samples" : "greedy episodes", sb);
            }
        }
        return SimLab.OK;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<String, Double> evaluate(Scenario scenario, CheckpointReader reader, int n) throws IOException {
        RunKind kind = RunKind.of(scenario);
        return kind.evaluate(scenario, reader, n, seed);
    }

    /** "agent on env" or "gan on dataset": what a saved run is. */
    static String trainedOn(Scenario scenario) {
        List<Scenario.Part> p = scenario.parts();
        return p.get(1).id() + " on " + p.get(0).id();
    }

    /** The checkpoint a folder or file argument names; one clear line when there is none. */
    static Path checkpointFile(Path arg) {
        Path file = Files.isDirectory(arg) && !arg.getFileName().toString().endsWith(".ckpt") ? arg.resolve("checkpoints").resolve(RunFolder.checkpointName(0)) : arg;
        if (Files.isDirectory(file)) throw new ConfigException(file.toString(), "", "is a directory, not a checkpoint file");
        if (!Files.isRegularFile(file)) throw new ConfigException(file.toString(), "", "no such checkpoint");
        return file;
    }

    /** The run folder's scenario.yaml beside the checkpoint's folder. */
    static Path scenarioOf(Path checkpointFile) {
        Path scenarioFile = checkpointFile.toAbsolutePath().getParent().getParent().resolve("scenario.yaml");
        if (!Files.isRegularFile(scenarioFile)) throw new ConfigException(scenarioFile.toString(), "", "no scenario.yaml beside the checkpoints folder");
        return scenarioFile;
    }

    /** Opens a checkpoint; a file that is not one is a {@link dev.simlab.core.checkpoint.CheckpointException}: bad input in one line. */
    static CheckpointReader read(Path file) throws IOException {
        return new CheckpointReader(file);
    }
}
