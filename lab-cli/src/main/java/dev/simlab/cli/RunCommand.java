package dev.simlab.cli;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.Experiment;
import dev.simlab.core.run.LearningCurvePlot;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Train the scenario's agent on its env: progress, summary table, and a run folder with "
        + "scenario.yaml (provenance), metrics.csv, summary.json, learning-curve.png and checkpoints.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "scenario YAML files or names of built-in scenarios; several run one after the other in one process")
    List<String> files;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default results/<name>-<time>); with several files, the folder that gets one sub-folder per scenario")
    Path outDir;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue an interrupted run folder from its checkpoints "
            + "(same scenario, same numbering); the result is the uninterrupted run's")
    Path resumeDir;

    @Mixin
    TrainingOptions training;

    @Mixin
    SimLab.Common common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        LearningCurvePlot.warmUpInBackground();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (resumeDir != null) return resume(out, err);
        if (files == null || files.isEmpty()) {
            throw new ConfigException("simlab run", "FILE", "give a scenario file (or built-in name), or --resume DIR");
        }
        List<String> overrides = training.overrides();
        // with several files, --out is the parent of one folder per scenario
        if (outDir != null && files.size() == 1) overrides.add("run.out=" + outDir);
        try (PluginHost host = common.loadPlugins(err)) {
            // validate every scenario before training anything: bad input costs no time
            List<Experiment<?>> experiments = new ArrayList<>();
            for (String f : files) {
                Scenario s = new ScenarioLoader(host.registry()).load(f, overrides);
                experiments.add(Experiment.of(s, TrainingOptions.outputDir(s, outDir)).probe());
            }
            int status = SimLab.OK;
            for (Experiment<?> e : experiments) {
                int code = runOne(e, out, err, false);
                status = Math.max(status, code);
                if (code == SimLab.INTERRUPTED) break;
            }
            return status;
        }
    }

    /** {@code --resume DIR}: the folder's own resolved scenario, its checkpoints and metrics. */
    private int resume(PrintWriter out, PrintWriter err) throws IOException {
        if ((files != null && !files.isEmpty()) || training.given() || outDir != null) {
            throw new ConfigException("--resume", "", "resumes the folder's own scenario unchanged; drop FILE, --set, --runs, --seed and --out");
        }
        Path scenarioFile = resumeDir.resolve("scenario.yaml");
        if (!Files.isRegularFile(scenarioFile)) {
            throw new ConfigException(resumeDir.toString(), "", "not a SimLab run folder (no scenario.yaml)");
        }
        try (PluginHost host = common.loadPlugins(err)) {
            Scenario scenario = new ScenarioLoader(host.registry()).load(scenarioFile.toString(), List.of());
            return runOne(Experiment.of(scenario, resumeDir).probe().resume(), out, err, true);
        }
    }

    private int runOne(Experiment<?> experiment, PrintWriter out, PrintWriter err, boolean resuming) throws IOException {
        Scenario scenario = experiment.scenario();
        String backend = TrainingOptions.backend(scenario);
        TrainingOptions.header(out, scenario, backend, (resuming ? "resuming: " : "output:  ") + experiment.outDir(), "");
        experiment.provenance("simlab " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), backend);
        long start = System.nanoTime();
        ProgressBar progress = training.quiet ? null : ProgressBar.of(err, scenario);
        if (progress != null) experiment.listen(progress);
        Experiment.Outcome outcome;
        try (AutoCloseable ctrlC = experiment.stopOnShutdown()) {
            try {
                outcome = experiment.run();
            } finally {
                if (progress != null) progress.close();
            }
            out.println();
            out.print(outcome.summary().table());
            out.printf(Locale.ROOT, "%s in %.2fs; results in %s%n%n", outcome.status(), (System.nanoTime() - start) / 1e9, outcome.dir());
            out.flush();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return TrainingOptions.exitCode(outcome);
    }
}
