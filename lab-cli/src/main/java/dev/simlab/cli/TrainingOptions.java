package dev.simlab.cli;

import dev.simlab.core.run.Experiment;
import dev.simlab.core.run.RunFolder;
import dev.simlab.core.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The training options {@code run} and {@code watch} share, and what both print around an
 * experiment: the overrides, the backend, the header lines and the exit status.
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

    /** Loads ND4J only when the scenario trains networks, and says which backend runs them. */
    static String backend(Scenario scenario) {
        return scenario.usesNeuralNetworks() ? dev.simlab.nn.Backend.init() : "none (no neural network; ND4J not loaded)";
    }

    /** The run folder: {@code run.out}, else {@code parent/<name>} when a parent was given, else a new {@code results/<name>-<time>}. */
    static Path outputDir(Scenario scenario, Path parent) {
        if (scenario.run().out() != null) return Path.of(scenario.run().out());
        if (parent != null) return parent.resolve(scenario.name());
        return RunFolder.defaultDir(scenario);
    }

    /** The lines before training: what trains on what, how many runs, the backend and the folder. */
    static void header(PrintWriter out, Scenario scenario, String backend, String folderLine, String suffix) {
        var plan = scenario.run();
        List<String> parts = new ArrayList<>();
        for (Scenario.Part p : scenario.parts()) parts.add(p.id() + " (" + p.origin() + ")");
        out.printf(Locale.ROOT, "%s: %s, %d run%s x %s on %d thread%s%s%n", scenario.name(), String.join(" + ", parts),
                plan.runs(), plan.runs() == 1 ? "" : "s", scenario.budget(), plan.workers(), plan.workers() == 1 ? "" : "s", suffix);
        out.println("backend: " + backend);
        out.println(folderLine);
        out.flush();
    }

    /** The exit status of a finished experiment. */
    static int exitCode(Experiment.Outcome outcome) {
        return switch (outcome.status()) {
            case "completed" -> SimLab.OK;
            case "interrupted" -> SimLab.INTERRUPTED;
            default -> SimLab.FAILED;
        };
    }
}
