package dev.simlab.cli;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.Json;
import dev.simlab.study.LocalLauncher;
import dev.simlab.study.Launcher;
import dev.simlab.study.Study;
import dev.simlab.study.StudyFolder;
import dev.simlab.study.StudySpec;
import dev.simlab.study.TrialRunner;
import java.io.PrintWriter;
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

@Command(name = "study", description = "Run a study: a search over a scenario's parameters (grid, random or TPE, with median or ASHA pruning) "
        + "or a comparison of scenarios on the same seeds. Trials run in worker JVMs (--workers) or on a Slurm cluster (--launcher slurm); "
        + "the study folder (study.yaml, journal.jsonl, trials/, trials.csv, best.yaml, report/) is resumable: re-running never repeats a "
        + "finished trial. 'simlab study status DIR' shows progress from the journal.")
final class StudyCommand implements Callable<Integer> {
    /** Array tasks per Slurm batch when --workers is not given: a large grid's tasks take several trials each. */
    static final int SLURM_TASKS = 100;

    @Parameters(paramLabel = "FILE", arity = "0..2", description = "the study file (or: status DIR)")
    List<String> args = new ArrayList<>();

    @Option(names = "--workers", paramLabel = "N", description = "worker JVMs running trials at once (default: one per core); with --launcher slurm, "
            + "the array tasks per batch, each running its share of the batch's trials in one JVM (default: one per trial, at most "
            + SLURM_TASKS + ")")
    Integer workers;

    @Option(names = "--launcher", paramLabel = "KIND", defaultValue = "local", description = "local (worker JVMs on this machine) or slurm (sbatch job arrays)")
    String launcher;

    @Option(names = "--slurm-opt", paramLabel = "OPT", description = "an sbatch option for every array, e.g. --slurm-opt=--partition=gpu --slurm-opt=--time=02:00:00; repeatable")
    List<String> slurmOpts = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "study folder (default results/studies/<name>); an existing folder of the same study continues")
    Path outDir;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the study in DIR (its own study.yaml)")
    Path resume;

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    @Mixin
    SimLab.Common common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!args.isEmpty() && args.get(0).equals("status")) {
            if (args.size() != 2) throw new ConfigException("simlab study status", "DIR", "give the study folder");
            out.print(StudyFolder.status(Path.of(args.get(1))));
            out.flush();
            return SimLab.OK;
        }
        if (resume != null && (!args.isEmpty() || outDir != null)) throw new ConfigException("--resume", "", "resumes the folder's own study.yaml; drop FILE and --out");
        if (resume == null && args.size() != 1) throw new ConfigException("simlab study", "FILE", "give one study file, or --resume DIR, or status DIR");
        if (!launcher.equals("local") && !launcher.equals("slurm")) {
            throw new ConfigException("--launcher", "", "unknown launcher '" + launcher + "'; choose local or slurm");
        }
        boolean slurm = launcher.equals("slurm");
        int n = workers != null ? workers : slurm ? SLURM_TASKS : Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > 1024) throw new ConfigException("--workers", "", "must be from 1 to 1024");
        if (slurm) dev.simlab.study.SlurmLauncher.requireSbatch(); // before a study folder exists
        if (!slurm && !slurmOpts.isEmpty()) throw new ConfigException("--slurm-opt", "", "is for --launcher slurm");
        try (PluginHost host = common.loadPlugins(err)) {
            StudySpec s = resume != null ? StudyFolder.read(resume) : dev.simlab.study.StudyLoader.load(Path.of(args.get(0)));
            TrialRunner runner = new TrialRunner(host.registry(), s);
            StudyFolder.validate(s, runner); // bad keys or values stop here, before a folder exists
            if (slurm && !"none".equals(String.valueOf(s.prune().get("method")))) {
                throw new ConfigException(s.source(), "prune", "Slurm runs each trial to its end: pruning needs --launcher local (or drop prune:)");
            }
            StudyFolder folder = resume != null ? StudyFolder.open(resume, s) : StudyFolder.create(s, outDir, "simlab " + String.join(" ",
                    spec.commandLine().getParseResult().originalArgs()));
            Study study = folder.study(runner);
            out.printf(Locale.ROOT, "%s: %s, %d trial%s x %d seed%s, objective %s (%s); %s launcher%s%n", s.name(),
                    s.compare() ? "comparing " + s.scenarios().size() + " scenarios" : s.method() + " search over " + String.join(", ", s.space().keySet()),
                    study.budget(), study.budget() == 1 ? "" : "s", s.seeds(), s.seeds() == 1 ? "" : "s", s.objective().metric(),
                    s.objective().maximise() ? "max" : "min", launcher, slurm ? " with up to " + n + " array task" + (n == 1 ? "" : "s") + " per batch" : " with " + n + " worker" + (n == 1 ? "" : "s"));
            if (s.method().equals("tpe") && !s.compare() && n > s.lag() + 1) {
                out.printf(Locale.ROOT, "note:    TPE proposals wait for all but the last %d trial%s (search.lag %d): at most %d trials run at once; "
                        + "raise search.lag to use more %s%n", s.lag(), s.lag() == 1 ? "" : "s", s.lag(), s.lag() + 1, slurm ? "array tasks" : "workers");
            }
            out.println("study:   " + folder.dir());
            out.flush();
            StudyProgress progress = quiet ? null : new StudyProgress(err);
            if (progress != null) study.listen(progress);
            long start = System.nanoTime();
            try (Launcher l = launcher.equals("local")
                    ? new LocalLauncher(n, LocalLauncher.sameJvm("dev.simlab.cli.SimLab", workerArgs(folder.dir())), folder.dir())
                    : new dev.simlab.study.SlurmLauncher(folder.dir(), n, slurmOpts, TrialCommand.command(folder.dir(), common.asArgs()))) {
                study.run(l);
            } finally {
                if (progress != null) progress.close();
            }
            folder.finish(study);
            out.println();
            out.print(StudyFolder.table(study, 5));
            out.printf(Locale.ROOT, "%d completed, %d pruned, %d failed in %.1fs; results in %s%n", study.count("completed"), study.count("pruned"),
                    study.count("failed"), (System.nanoTime() - start) / 1e9, folder.dir());
            out.flush();
            return study.count("failed") > 0 ? SimLab.FAILED : SimLab.OK;
        }
    }

    private String[] workerArgs(Path dir) {
        List<String> a = new ArrayList<>(List.of("worker", dir.toString()));
        a.addAll(common.asArgs());
        return a.toArray(String[]::new);
    }

    /** The progress line: trials finished / running / pruned / failed and the best so far. */
    static final class StudyProgress implements Study.Listener, AutoCloseable {
        private final PrintWriter err;
        private final boolean terminal = System.console() != null;
        private String last = "";
        private int lastDecile = -1;

        StudyProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(Study s) {
            String line = String.format(Locale.ROOT, "trials %d/%d done, %d running, %d pruned, %d failed; best %s", s.count("completed") + s.count("pruned")
                    + s.count("failed"), s.budget(), s.count("running"), s.count("pruned"), s.count("failed"),
                    Double.isNaN(s.bestObjective()) ? "-" : String.format(Locale.ROOT, "%.4g (%s)", s.bestObjective(), s.best().id()));
            if (line.equals(last)) return;
            last = line;
            int done = s.count("completed") + s.count("pruned") + s.count("failed");
            int decile = s.budget() == 0 ? 10 : done * 10 / s.budget();
            if (terminal) {
                err.print("\r" + line + "   ");
            } else if (decile != lastDecile) {
                // a log file gets a line every 10%, not one per event
                lastDecile = decile;
                err.println(line);
            }
            err.flush();
        }

        @Override
        public void close() {
            if (terminal) err.println();
            err.flush();
        }
    }

    static String json(Object o) {
        return Json.line(o);
    }
}
