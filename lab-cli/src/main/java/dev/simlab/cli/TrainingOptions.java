package dev.simlab.cli;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.run.GanRun;
import dev.simlab.core.run.TrainingRun;
import dev.simlab.core.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The training options {@code run} and {@code watch} share, and what both do with a scenario before
 * training it: the overrides, the dry build that turns mismatches into bad input, the backend, and
 * the run folder.
 */
final class TrainingOptions {
    @Option(names = "--runs", paramLabel = "N", description = "number of independent runs (overrides run.runs)")
    Integer runs;

    @Option(names = "--seed", paramLabel = "S", description = "base seed; run k uses S + k (overrides run.seed)")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override any scenario value, e.g. --set agent.alpha=0.3")
    List<String> sets = new ArrayList<>();

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    /** {@code --set} values, then {@code --runs} and {@code --seed} as {@code run.*} overrides. */
    List<String> overrides() {
        List<String> overrides = new ArrayList<>(sets);
        if (runs != null) overrides.add("run.runs=" + runs);
        if (seed != null) overrides.add("run.seed=" + seed);
        return overrides;
    }

    /** True when any of these options was given. */
    boolean given() {
        return !sets.isEmpty() || runs != null || seed != null;
    }

    /** Builds the scenario's env and agent (or GAN and dataset) once, so a mismatch is reported before training. */
    static void probe(Scenario scenario) {
        if (scenario.isGan()) GanRun.probe(scenario);
        else TrainingRun.probe(scenario);
    }

    /** Loads ND4J only when the scenario trains networks, and says which backend runs them. */
    static String backend(Scenario scenario) {
        return scenario.isGan() || scenario.agent().type().usesNeuralNetworks()
                ? dev.simlab.nn.Backend.init() : "none (no neural network; ND4J not loaded)";
    }

    /**
     * The run folder: {@code run.out}, else {@code parent/<name>} when a parent was given, else a new
     * {@code results/<name>-<time>}. An existing, non-empty folder is refused so nothing is overwritten.
     */
    static Path outputDir(Scenario scenario, Path parent) throws IOException {
        if (scenario.run().out() != null || parent != null) {
            Path dir = scenario.run().out() != null ? Path.of(scenario.run().out()) : parent.resolve(scenario.name());
            if (Files.exists(dir) && !isEmptyDir(dir)) {
                throw new ConfigException("--out / run.out", "", dir + " already exists and is not empty; choose another folder so no results are overwritten");
            }
            return dir;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Path.of("results", scenario.name() + "-" + stamp);
        for (int i = 2; Files.exists(dir); i++) dir = Path.of("results", scenario.name() + "-" + stamp + "-" + i);
        return dir;
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
