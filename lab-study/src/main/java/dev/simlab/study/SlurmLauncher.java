package dev.simlab.study;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.run.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs trials on a Slurm cluster, the scheduler research clusters run. The trials the coordinator
 * starts between two {@link #flush}es go into {@code slurm/batch-NNN.jsonl} and are submitted as
 * one {@code sbatch --array=0-(T-1)} job ({@code slurm/batch-NNN.sh}); array task {@code i} runs
 * {@code simlab trial STUDY_DIR BATCH --tasks T --index i}, that is trials {@code i, i+T, i+2T…} of
 * the batch one after the other in one JVM, so a tabular trial does not pay a JVM start. A task
 * writes {@code trials/<id>/trial.json} as each of its trials ends; the coordinator polls for those
 * files and watches the tasks with {@code squeue}. A task that leaves the queue without a
 * trial's result (a native crash, a node failure, a time limit) has that trial reported as
 * crashed, and the study retries it.
 *
 * <p>The study folder must be on storage every node shares. Tasks outlive the coordinator: a
 * coordinator started again on the same folder takes the results tasks wrote meanwhile and
 * follows the tasks still queued instead of submitting their trials again. Slurm runs trials to
 * their end: pruning needs the local launcher.
 */
public final class SlurmLauncher implements Launcher {
    /** Seconds between two {@code squeue} calls; results files are looked for more often. */
    private static final long QUEUE_POLL_MS = 2000, RESULT_POLL_MS = 250;
    /** Queue polls a task must be missing for before its trial counts as crashed: shared storage may show its result late. */
    private static final int MISSING_POLLS = 3;
    /** Failing {@code squeue} calls in a row (about ten minutes) before the study gives up on the controller. */
    private static final int QUEUE_ERRORS = 300;

    private final Path dir;
    private final int tasksPerBatch;
    private final List<String> sbatchOptions;
    private final List<String> trialCommand;
    private final List<Trial> queued = new ArrayList<>();
    private final Map<Integer, Trial> running = new LinkedHashMap<>();
    /** Each running trial's array task, as squeue names it: {@code JOB_INDEX}. */
    private final Map<Integer, String> taskOf = new HashMap<>();
    private final Map<Integer, Integer> missingPolls = new HashMap<>();
    /** Results found when a trial was started (a task of an earlier coordinator finished it). */
    private final Deque<Event> ready = new ArrayDeque<>();
    /** Trial ids started by this coordinator: a result file of theirs that a later start finds is stale. */
    private final Set<String> startedHere = new HashSet<>();
    /** Earlier coordinators' tasks by trial id, and which of them were still queued when this one began. */
    private final Map<String, String> earlierTask = new HashMap<>();
    private Set<String> earlierAlive;
    private int batches;
    private long lastQueuePoll;
    private int queueErrors;

    /**
     * @param tasksPerBatch array tasks per batch (at most; a smaller batch gets one task per trial)
     * @param trialCommand  the command that runs {@code simlab trial STUDY_DIR} on a node (the batch file and task options are appended)
     */
    public SlurmLauncher(Path studyDir, int tasksPerBatch, List<String> sbatchOptions, List<String> trialCommand) throws IOException {
        requireSbatch();
        this.dir = studyDir.toAbsolutePath();
        this.tasksPerBatch = tasksPerBatch;
        this.sbatchOptions = List.copyOf(sbatchOptions);
        this.trialCommand = List.copyOf(trialCommand);
        Path slurm = dir.resolve("slurm");
        Files.createDirectories(slurm);
        for (batches = 0; Files.exists(slurm.resolve(batchName(batches) + ".jsonl")); batches++) readEarlierBatch(slurm, batchName(batches));
    }

    /** Stops a Slurm study before it writes anything when this machine has no Slurm client. */
    public static void requireSbatch() {
        for (String cmd : List.of("sbatch", "squeue")) {
            if (!onPath(cmd)) throw new ConfigException("--launcher slurm", "", cmd + " is not on the PATH: run the study on a Slurm login node");
        }
    }

    private static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) if (!d.isEmpty() && Files.isExecutable(Path.of(d, cmd))) return true;
        return false;
    }

    private static String batchName(int k) {
        return String.format("batch-%03d", k);
    }

    /** An earlier coordinator's batch: which task of which job ran each of its trials. */
    @SuppressWarnings("unchecked")
    private void readEarlierBatch(Path slurm, String name) throws IOException {
        Path job = slurm.resolve(name + ".job");
        if (!Files.isRegularFile(job)) return; // written, never submitted
        String[] jt = Files.readString(job, StandardCharsets.UTF_8).strip().split("\\s+");
        int tasks = Integer.parseInt(jt[1]);
        List<String> lines = Files.readAllLines(slurm.resolve(name + ".jsonl"), StandardCharsets.UTF_8);
        for (int k = 0; k < lines.size(); k++) {
            Trial t = Trial.fromMap((Map<String, Object>) Json.parse(lines.get(k)));
            earlierTask.put(t.id(), jt[0] + "_" + (k % tasks));
        }
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
        Path trialDir = dir.resolve("trials").resolve(trial.id());
        if (startedHere.add(trial.id())) {
            // a task of an earlier coordinator finished it, or is still at it: take that instead of running it twice
            TrialRunner.Outcome done = TrialRunner.Outcome.read(trialDir);
            if (done != null) {
                ready.add(new Finished(trial, done));
                return;
            }
            String task = earlierTask.get(trial.id());
            if (task != null && earlierAlive().contains(task)) {
                running.put(trial.number(), trial);
                taskOf.put(trial.number(), task);
                return;
            }
        }
        // a result an earlier attempt left is stale: this attempt writes its own
        Files.deleteIfExists(trialDir.resolve(TrialRunner.RESULT));
        queued.add(trial);
    }

    private Set<String> earlierAlive() throws IOException {
        if (earlierAlive == null) {
            Set<String> jobs = new HashSet<>();
            for (String task : earlierTask.values()) jobs.add(task.substring(0, task.indexOf('_')));
            Set<String> q = inQueue(jobs);
            earlierAlive = q == null ? Set.of() : q;
        }
        return earlierAlive;
    }

    @Override
    public void flush() throws IOException {
        // events not yet taken may queue more trials (retries): submit them all as one array once they are
        if (queued.isEmpty() || !ready.isEmpty()) return;
        String name = batchName(batches++);
        Path slurm = dir.resolve("slurm");
        Path batch = slurm.resolve(name + ".jsonl");
        StringBuilder sb = new StringBuilder();
        for (Trial t : queued) sb.append(Json.line(t.toMap())).append('\n');
        Study.atomically(batch, sb.toString());
        int tasks = Math.min(tasksPerBatch, queued.size());
        Path script = slurm.resolve(name + ".sh");
        StringBuilder sh = new StringBuilder("#!/bin/bash\n# Written by simlab study --launcher slurm: array task i of " + tasks + " runs trials i, i+" + tasks
                + ", ... of " + batch.getFileName() + "\n# (one JVM for all of them), writing trials/<id>/trial.json as each ends.\nexec");
        for (String a : trialCommand) sh.append(' ').append(quote(a));
        sh.append(' ').append(quote(batch.toString())).append(" --tasks ").append(tasks).append(" --index \"$SLURM_ARRAY_TASK_ID\"\n");
        Files.writeString(script, sh.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "--array=0-" + (tasks - 1), "--job-name=simlab-" + dir.getFileName(),
                "--output=" + slurm.resolve(name + "-%a.log"), "--chdir=" + dir));
        cmd.addAll(sbatchOptions);
        cmd.add(script.toString());
        Result r = run(cmd);
        if (r.code != 0) {
            // most often a --slurm-opt the cluster refuses (a partition, a time limit): the user's input
            throw new ConfigException("--launcher slurm", "", "sbatch failed (exit " + r.code + "): " + oneLine(r.out));
        }
        String job = r.out.strip().split(";")[0].strip();
        if (!job.matches("\\d+")) throw new IOException("sbatch answered no job id: " + oneLine(r.out));
        Study.atomically(slurm.resolve(name + ".job"), job + " " + tasks + "\n");
        for (int i = 0; i < queued.size(); i++) {
            Trial t = queued.get(i);
            running.put(t.number(), t);
            taskOf.put(t.number(), job + "_" + (i % tasks));
        }
        queued.clear();
    }

    private static String oneLine(String s) {
        return String.join("; ", s.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    private record Result(int code, String out) {}

    private static Result run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, cmd.get(0) + " did not answer in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + cmd.get(0));
        }
        return new Result(p.exitValue(), out);
    }

    @Override
    public Event next() throws InterruptedException, IOException {
        while (true) {
            if (!ready.isEmpty()) return ready.poll();
            for (Trial t : List.copyOf(running.values())) {
                TrialRunner.Outcome o = TrialRunner.Outcome.read(dir.resolve("trials").resolve(t.id()));
                if (o != null) {
                    running.remove(t.number());
                    missingPolls.remove(t.number());
                    return new Finished(t, o);
                }
            }
            if (System.currentTimeMillis() - lastQueuePoll >= QUEUE_POLL_MS) {
                lastQueuePoll = System.currentTimeMillis();
                Event gone = pollQueue();
                if (gone != null) return gone;
            }
            Thread.sleep(RESULT_POLL_MS);
        }
    }

    /** The trials whose tasks have left the queue without their results, as events (the first returned, the rest ready), or null. */
    private Event pollQueue() throws IOException {
        Set<String> jobs = new HashSet<>();
        for (int n : running.keySet()) jobs.add(taskOf.get(n).substring(0, taskOf.get(n).indexOf('_')));
        Set<String> q = inQueue(jobs);
        if (q == null) return null; // the controller did not answer: nothing is known to have left
        for (Trial t : List.copyOf(running.values())) {
            if (q.contains(taskOf.get(t.number()))) {
                missingPolls.remove(t.number());
                continue;
            }
            if (missingPolls.merge(t.number(), 1, Integer::sum) >= MISSING_POLLS) {
                running.remove(t.number());
                missingPolls.remove(t.number());
                ready.add(new Crashed(t, "Slurm task " + taskOf.get(t.number()) + " ended without this trial's result (see its log in "
                        + dir.resolve("slurm") + ")"));
            }
        }
        return ready.poll();
    }

    /**
     * The array tasks of {@code jobs} that Slurm still has pending or running, as {@code JOB_INDEX};
     * null when the controller cannot say (it is down or restarting).
     */
    private Set<String> inQueue(Set<String> jobs) throws IOException {
        Set<String> tasks = new HashSet<>();
        if (jobs.isEmpty()) return tasks;
        Result r = run(List.of("squeue", "-h", "-r", "-o", "%i", "-j", String.join(",", jobs)));
        if (r.code != 0) {
            // a job the controller has purged (every task ended MinJobAge ago) is an error to squeue: it is gone
            if (r.out.contains("Invalid job id")) {
                queueErrors = 0;
                return tasks;
            }
            if (++queueErrors >= QUEUE_ERRORS) throw new IOException("squeue has failed " + queueErrors + " times in a row: " + oneLine(r.out));
            return null;
        }
        queueErrors = 0;
        for (String l : r.out.split("\n")) if (!l.isBlank()) tasks.add(l.strip());
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
