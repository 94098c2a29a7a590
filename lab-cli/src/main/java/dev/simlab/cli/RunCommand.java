package dev.simlab.cli;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.Experiment;
import dev.simlab.core.run.GanSummary;
import dev.simlab.core.run.LearningCurvePlot;
import dev.simlab.core.run.Provenance;
import dev.simlab.core.run.RunResult;
import dev.simlab.core.run.Summary;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
            + "(same scenario, same numbering; rows after each checkpoint are dropped)")
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
            List<Scenario> scenarios = new ArrayList<>();
            for (String f : files) {
                Scenario s = new ScenarioLoader(host.registry()).load(f, overrides);
                TrainingOptions.probe(s);
                scenarios.add(s);
            }
            int status = SimLab.OK;
            for (Scenario scenario : scenarios) {
                int code = runOne(scenario, out, err);
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
            // the folder's scenario.yaml names its own output folder: that is where we continue
            Scenario scenario = new ScenarioLoader(host.registry()).load(scenarioFile.toString(), List.of("run.out=" + resumeDir));
            TrainingOptions.probe(scenario);
            return runOne(scenario, out, err, true);
        }
    }

    private int runOne(Scenario scenario, PrintWriter out, PrintWriter err) throws IOException {
        return runOne(scenario, out, err, false);
    }

    private int runOne(Scenario scenario, PrintWriter out, PrintWriter err, boolean resuming) throws IOException {
        Path dir = resuming ? resumeDir : TrainingOptions.outputDir(scenario, outDir);
        String backend = TrainingOptions.backend(scenario);
        Files.createDirectories(dir);
        if (!resuming) {
            Provenance.write(dir.resolve("scenario.yaml"), scenario,
                    Provenance.of(scenario, backend, "simlab run " + String.join(" ", spec.commandLine().getParseResult().originalArgs())));
        }

        var plan = scenario.run();
        String budget = scenario.isGan() ? plan.iterations() + " iterations" : plan.episodes() > 0 ? plan.episodes() + " episodes" : plan.steps() + " env steps";
        out.printf(Locale.ROOT, "%s: %s (%s) + %s (%s), %d run%s x %s on %d thread%s%n", scenario.name(),
                scenario.isGan() ? scenario.dataset().type().id() : scenario.env().type().id(),
                scenario.isGan() ? scenario.dataset().origin() : scenario.env().origin(),
                scenario.isGan() ? scenario.gan().type().id() : scenario.agent().type().id(),
                scenario.isGan() ? scenario.gan().origin() : scenario.agent().origin(),
                plan.runs(), plan.runs() == 1 ? "" : "s", budget, plan.workers(), plan.workers() == 1 ? "" : "s");
        out.println("backend: " + backend);
        out.println((resuming ? "resuming: " : "output:  ") + dir);
        out.flush();

        long start = System.nanoTime();
        Experiment experiment = new Experiment(scenario, dir);
        if (resuming) experiment.resume();
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            experiment.requestStop();
            try {
                written.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "simlab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<RunResult> results;
            ProgressBar progress = training.quiet ? null : ProgressBar.of(err, scenario);
            if (progress != null) experiment.listen(progress);
            try {
                results = experiment.run();
            } finally {
                if (progress != null) progress.close();
            }
            String status;
            if (scenario.isGan()) {
                // GAN runs draw their own pictures (run-NNN/losses.png, samples) as they finish
                GanSummary summary = new GanSummary(scenario, experiment.ganResults(), experiment.stopRequested(), (System.nanoTime() - start) / 1e9);
                summary.write(dir.resolve("summary.json"));
                out.println();
                out.print(summary.table());
                status = summary.status();
            } else {
                Summary summary = new Summary(scenario, results, experiment.stopRequested(), (System.nanoTime() - start) / 1e9);
                summary.write(dir.resolve("summary.json"));
                if (!results.isEmpty()) LearningCurvePlot.write(dir.resolve("learning-curve.png"), scenario.name(), results);
                out.println();
                out.print(summary.table());
                status = summary.status();
            }
            out.printf(Locale.ROOT, "%s in %.2fs; results in %s%n%n", status, (System.nanoTime() - start) / 1e9, dir);
            out.flush();
            return switch (status) {
                case "completed" -> SimLab.OK;
                case "interrupted" -> SimLab.INTERRUPTED;
                default -> SimLab.FAILED;
            };
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the latch above
            }
        }
    }

}
