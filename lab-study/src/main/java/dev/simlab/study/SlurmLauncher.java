package dev.simlab.study;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.run.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs trials on a Slurm cluster, the scheduler research clusters run: the trials the coordinator
 * starts between two {@link #flush}es go into {@code slurm/batch-NNN.jsonl} and are submitted as
 * one {@code sbatch --array} job, each array task running {@code simlab trial STUDY_DIR BATCH} for
 * its trial. The study folder must be on storage every node shares. A task writes
 * {@code trials/<id>/trial.json} when its trial ends; a task that leaves the queue without one
 * (a native crash, a node failure, a time limit) is reported as crashed, and the study retries it.
 * Slurm runs trials to the end: pruning needs the local launcher.
 */
public final class SlurmLauncher implements Launcher {
    private final Path dir;
    private final List<String> sbatchOptions;
    private final List<String> trialCommand;
    private final List<Trial> queued = new ArrayList<>();
    private final Map<Integer, Trial> running = new LinkedHashMap<>();
    private final Map<Integer, String> taskOf = new LinkedHashMap<>();
    private final Map<Integer, Integer> missingPolls = new LinkedHashMap<>();
    private int batches;

    /** @param trialCommand the command that runs {@code simlab trial STUDY_DIR} on a node (the batch file is appended) */
    public SlurmLauncher(Path studyDir, List<String> sbatchOptions, List<String> trialCommand) throws IOException {
        this.dir = studyDir.toAbsolutePath();
        this.sbatchOptions = List.copyOf(sbatchOptions);
        this.trialCommand = List.copyOf(trialCommand);
        Files.createDirectories(dir.resolve("slurm"));
        try (var s = Files.list(dir.resolve("slurm"))) {
            batches = (int) s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).count();
        }
        if (!onPath("sbatch")) throw new ConfigException("--launcher slurm", "", "sbatch is not on the PATH: run the study on a Slurm login node");
    }

    private static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(d, cmd))) return true;
        return false;
    }

    @Override
    public int slots() {
        return 1 << 20; // the scheduler queues; the coordinator's lag bounds how far a TPE study runs ahead
    }

    @Override
    public boolean canPrune() {
        return false;
    }

    @Override
    public void start(Trial trial) throws IOException {
        // a result an earlier attempt left is stale: this attempt writes its own
        Files.deleteIfExists(dir.resolve("trials").resolve(trial.id()).resolve("trial.json"));
        queued.add(trial);
    }

    @Override
    public void flush() throws IOException {
        if (queued.isEmpty()) return;
        String name = String.format("batch-%03d", batches++);
        Path batch = dir.resolve("slurm").resolve(name + ".jsonl");
        StringBuilder sb = new StringBuilder();
        for (Trial t : queued) sb.append(Json.line(t.toMap())).append('\n');
        Study.atomically(batch, sb.toString());
        Path script = dir.resolve("slurm").resolve(name + ".sh");
        StringBuilder sh = new StringBuilder("#!/bin/bash\n# One trial of study folder " + dir + " per array task (written by simlab study --launcher slurm)\nexec");
        for (String a : trialCommand) sh.append(' ').append(quote(a));
        sh.append(' ').append(quote(batch.toString())).append(" --index \"$SLURM_ARRAY_TASK_ID\"\n");
        Files.writeString(script, sh.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "--array=0-" + (queued.size() - 1), "--job-name=simlab-" + dir.getFileName(),
                "--output=" + dir.resolve("slurm").resolve(name + "-%a.log"), "--chdir=" + dir));
        cmd.addAll(sbatchOptions);
        cmd.add(script.toString());
        String out = run(cmd);
        String job = out.strip().split(";")[0];
        for (int i = 0; i < queued.size(); i++) {
            Trial t = queued.get(i);
            running.put(t.number(), t);
            taskOf.put(t.number(), job + "_" + i);
        }
        queued.clear();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) throw new IOException(cmd.get(0) + " did not answer in 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + cmd.get(0));
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd.subList(0, Math.min(3, cmd.size()))) + " failed: " + out.strip());
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Event next() throws InterruptedException, IOException {
        while (true) {
            for (Trial t : List.copyOf(running.values())) {
                Path f = dir.resolve("trials").resolve(t.id()).resolve("trial.json");
                if (Files.isRegularFile(f)) {
                    Map<String, Object> m = (Map<String, Object>) Json.parse(Files.readString(f, StandardCharsets.UTF_8));
                    running.remove(t.number());
                    Object obj = m.get("objective");
                    return new Finished(t, new TrialRunner.Outcome((String) m.get("status"), obj instanceof Number n ? n.doubleValue() : Double.NaN,
                            ((Number) m.get("wall_seconds")).doubleValue(), (String) m.get("error")));
                }
            }
            Set<String> queuedTasks = inQueue();
            for (Trial t : List.copyOf(running.values())) {
                if (queuedTasks.contains(taskOf.get(t.number()))) {
                    missingPolls.remove(t.number());
                    continue;
                }
                // left the queue: its trial.json may land a moment later on shared storage, so look twice more
                int n = missingPolls.merge(t.number(), 1, Integer::sum);
                if (n >= 3) {
                    running.remove(t.number());
                    missingPolls.remove(t.number());
                    return new Crashed(t, "Slurm task " + taskOf.get(t.number()) + " ended without a result (see " + dir.resolve("slurm") + ")");
                }
            }
            Thread.sleep(1000);
        }
    }

    /** The array tasks Slurm still knows as pending or running, as {@code JOB_INDEX}. */
    private Set<String> inQueue() throws IOException {
        Set<String> jobs = new HashSet<>();
        for (String task : taskOf.values()) jobs.add(task.substring(0, task.indexOf('_')));
        Set<String> tasks = new HashSet<>();
        if (jobs.isEmpty()) return tasks;
        String out = run(List.of("squeue", "-h", "-r", "-o", "%i", "-j", String.join(",", jobs)));
        for (String l : out.split("\n")) if (!l.isBlank()) tasks.add(l.strip());
        return tasks;
    }

    @Override
    public void answer(Trial trial, int step, boolean proceed) {
        // Slurm tasks run to the end; Study refuses pruning with this launcher
    }

    @Override
    public void close() {
        // tasks still queued keep running: simlab study status DIR follows them, and a re-run collects their results
    }
}
