package dev.simlab.cli;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.Json;
import dev.simlab.study.StudyFolder;
import dev.simlab.study.StudySpec;
import dev.simlab.study.Trial;
import dev.simlab.study.TrialRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trial", description = "Run trials of a study folder, as a Slurm array task or a Kubernetes indexed job does: the trials listed "
        + "in BATCH (JSON Lines, one trial a line) whose line index modulo --tasks equals --index, each into trials/<id>/, writing "
        + "trials/<id>/trial.json with its outcome. A finished trial is not run again.")
final class TrialCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STUDY_DIR", description = "the study folder (on storage every node shares)")
    Path dir;

    @Parameters(index = "1", paramLabel = "BATCH", description = "the batch file the coordinator wrote (slurm/batch-NNN.jsonl)")
    Path batch;

    @Option(names = "--index", paramLabel = "I", description = "this task's index (default: $SLURM_ARRAY_TASK_ID, else $JOB_COMPLETION_INDEX, else 0)")
    Integer index;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "0", description = "tasks sharing the batch (default: one trial per task)")
    int tasks;

    @Mixin
    SimLab.Common common;

    /** The command a cluster task runs for study folder {@code dir}: this JVM's java and options, and the plugin options given. */
    static List<String> command(Path dir, List<String> pluginArgs) {
        List<String> cmd = new ArrayList<>(dev.simlab.study.LocalLauncher.sameJvm("dev.simlab.cli.SimLab", "trial", dir.toAbsolutePath().toString()));
        cmd.addAll(pluginArgs);
        return cmd;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        int i = index != null ? index : envIndex();
        if (i < 0 || (tasks > 0 && i >= tasks)) throw new ConfigException("--index", "", "must be from 0 to " + (tasks > 0 ? tasks - 1 : "the batch's size - 1"));
        StudySpec spec = StudyFolder.read(dir);
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(batch, StandardCharsets.UTF_8)) if (!l.isBlank()) lines.add(l);
        try (PluginHost host = common.loadPlugins(new java.io.PrintWriter(System.err, true))) {
            TrialRunner runner = new TrialRunner(host.registry(), spec);
            for (int k = 0; k < lines.size(); k++) {
                if (tasks > 0 ? k % tasks != i : k != i) continue;
                Trial t = Trial.fromMap((Map<String, Object>) Json.parse(lines.get(k)));
                Path out = dir.resolve("trials").resolve(t.id());
                System.err.println("simlab trial: trial " + t.number() + " (" + t.id() + ") " + t.params());
                TrialRunner.Outcome o;
                try {
                    o = runner.run(t, out, TrialRunner.Gate.ALWAYS);
                } catch (RuntimeException e) {
                    // one bad trial does not cost the task's other trials; the coordinator retries or fails it
                    o = new TrialRunner.Outcome("failed", Double.NaN, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                o.write(out, t);
                System.err.printf(java.util.Locale.ROOT, "simlab trial: trial %d %s, objective %s, %.1fs%n", t.number(), o.status(), o.objective(), o.wallSeconds());
            }
        }
        return SimLab.OK;
    }

    private static int envIndex() {
        for (String v : List.of("SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX")) {
            String s = System.getenv(v);
            if (s != null && !s.isBlank()) {
                try {
                    return Integer.parseInt(s.trim());
                } catch (NumberFormatException e) {
                    throw new ConfigException("$" + v, "", "is not a task index: '" + s + "'");
                }
            }
        }
        return 0;
    }
}
