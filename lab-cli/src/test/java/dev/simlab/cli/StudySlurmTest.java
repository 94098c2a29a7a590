package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * simlab study --launcher slurm against a real Slurm controller (CI starts a one-node cluster on
 * localhost with .ci/slurm-cluster.sh). Skipped where no controller answers, except under
 * SIMLAB_CI=1, where that is a failure.
 */
class StudySlurmTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void aControllerAnswers() throws Exception {
        String why = controllerProblem();
        if (why != null) {
            assertThat(System.getenv("SIMLAB_CI")).as("SIMLAB_CI=1 but no Slurm cluster: " + why + " (.ci/slurm-cluster.sh start)").isNotEqualTo("1");
            Assumptions.abort("no Slurm cluster: " + why);
        }
    }

    /** Why sbatch would not reach a controller with a usable node, or null when it would. */
    private static String controllerProblem() throws Exception {
        for (String cmd : List.of("sbatch", "squeue", "sinfo")) {
            boolean found = false;
            for (String d : System.getenv().getOrDefault("PATH", "").split(":")) found |= !d.isEmpty() && Files.isExecutable(Path.of(d, cmd));
            if (!found) return cmd + " is not on the PATH";
        }
        Process p = new ProcessBuilder("sinfo", "-h", "-o", "%t").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "sinfo did not answer";
        }
        if (p.exitValue() != 0) return "sinfo: " + out.strip();
        return out.lines().anyMatch(l -> l.startsWith("idle") || l.startsWith("mix") || l.startsWith("alloc")) ? null : "no node is up: " + out.strip();
    }

    /** 4 configurations x 2 seeds of SARSA on the cliff walk, 100 episodes per run. */
    private Path grid() throws Exception {
        return grid(100);
    }

    private Path grid(int episodes) throws Exception {
        Path f = tmp.resolve("grid-" + episodes + ".yaml");
        Files.writeString(f, "name: slurm-grid\nscenario: " + Cli.scenario("cliff-walking-sarsa") + "\n"
                + "search:\n  method: grid\n  space:\n    agent.alpha: {values: [0.2, 0.5]}\n    agent.epsilon: {values: [0.05, 0.1]}\n"
                + "    run.episodes: {values: [" + episodes + "]}\nseeds: 2\nobjective: {metric: return_mean, episodes: [21, 100], goal: max}\n");
        return f;
    }

    /** trials.csv without wall_seconds: trial, status, objective, parameters, seeds. */
    private static List<String> trials(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve("trials.csv")).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    private static long count(Path dir, String event) throws Exception {
        return Files.readAllLines(dir.resolve("journal.jsonl")).stream().filter(l -> l.contains("\"event\":\"" + event + "\"")).count();
    }

    private static List<String> batches(Path dir) throws Exception {
        try (var s = Files.list(dir.resolve("slurm"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sh")).sorted().toList();
        }
    }

    @Test
    void aStudyThroughSlurmGivesTheLocalLaunchersObjectives() throws Exception {
        Path f = grid();
        Path local = tmp.resolve("local"), slurm = tmp.resolve("slurm");
        Cli.Result l = Cli.run("study", f.toString(), "--workers", "2", "--out", local.toString(), "--quiet");
        assertThat(l.exit()).as(l.err() + l.out()).isZero();

        Cli.Result s = Cli.run("study", f.toString(), "--launcher", "slurm", "--workers", "2", "--out", slurm.toString(), "--quiet");
        assertThat(s.exit()).as(s.err() + s.out()).isZero();
        assertThat(s.out()).contains("slurm launcher with up to 2 array tasks per batch").contains("4 completed, 0 pruned, 0 failed");
        assertThat(trials(slurm)).isEqualTo(trials(local)).hasSize(5);
        // one array of two tasks, each running two trials in one JVM, each task with its log
        assertThat(batches(slurm)).containsExactly("batch-000.sh");
        assertThat(Files.readString(slurm.resolve("slurm/batch-000.sh"))).contains("'trial'").contains("--tasks 2 --index \"$SLURM_ARRAY_TASK_ID\"");
        for (int task = 0; task < 2; task++) {
            String log = Files.readString(slurm.resolve("slurm/batch-000-" + task + ".log"));
            assertThat(log.lines().filter(x -> x.contains(" completed, objective "))).as(log).hasSize(2);
        }
        assertThat(count(slurm, "attempt")).isEqualTo(4);
        assertThat(Cli.run("study", "status", slurm.toString()).out()).contains("4 trials proposed: 4 completed").contains("best: trial");
        // the same command again submits nothing
        Cli.Result again = Cli.run("study", f.toString(), "--launcher", "slurm", "--workers", "2", "--out", slurm.toString(), "--quiet");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(batches(slurm)).containsExactly("batch-000.sh");
        assertThat(count(slurm, "attempt")).isEqualTo(4);
    }

    @Test
    void tasksOutliveAKilledCoordinatorWhoseRerunCollectsTheirResults() throws Exception {
        Path f = grid();
        Path dir = tmp.resolve("killed");
        Process coordinator = new ProcessBuilder(Cli.command("study", f.toString(), "--launcher", "slurm", "--workers", "4", "--out", dir.toString(), "--quiet"))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && !Files.exists(dir.resolve("slurm/batch-000.job"))) Thread.sleep(20);
        coordinator.destroyForcibly().waitFor();
        assertThat(dir.resolve("slurm/batch-000.job")).as(Files.readString(tmp.resolve("log"))).exists();
        assertThat(count(dir, "ended")).isZero();

        // the journal has no result, but status reads the trials' own outcome files as the tasks write them
        List<String> seen = new ArrayList<>();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        String status = "";
        while (System.nanoTime() < deadline && !status.contains("4 completed")) {
            status = Cli.run("study", "status", dir.toString()).out();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) seen.add(status);
            Thread.sleep(200);
        }
        assertThat(status).as(String.join("\n", seen)).contains("4 trials proposed: 4 completed, 0 running or queued");

        Cli.Result rerun = Cli.run("study", f.toString(), "--launcher", "slurm", "--workers", "4", "--out", dir.toString(), "--quiet");
        assertThat(rerun.exit()).as(rerun.err() + rerun.out()).isZero();
        assertThat(rerun.out()).contains("4 completed, 0 pruned, 0 failed");
        assertThat(batches(dir)).as("nothing submitted again").containsExactly("batch-000.sh");
        Cli.Result local = Cli.run("study", f.toString(), "--workers", "2", "--out", tmp.resolve("local").toString(), "--quiet");
        assertThat(local.exit()).isZero();
        assertThat(trials(dir)).isEqualTo(trials(tmp.resolve("local")));
    }

    @Test
    void trialsOfATaskThatIsCancelledAreRetriedInANewArray() throws Exception {
        Path f = grid(3000);
        Path dir = tmp.resolve("cancelled");
        Thread cancel = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline) {
                    // as a time limit or a node failure would: the task dies after its first trial
                    if (Files.exists(dir.resolve("slurm/batch-000.job")) && Files.exists(dir.resolve("trials"))) {
                        try (var t = Files.list(dir.resolve("trials"))) {
                            if (t.anyMatch(p -> Files.exists(p.resolve("trial.json")))) {
                                String job = Files.readString(dir.resolve("slurm/batch-000.job")).split(" ")[0];
                                new ProcessBuilder("scancel", job).inheritIO().start().waitFor();
                                return;
                            }
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        cancel.start();
        Cli.Result r = Cli.run("study", f.toString(), "--launcher", "slurm", "--workers", "1", "--out", dir.toString(), "--quiet");
        cancel.join();
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("4 completed, 0 pruned, 0 failed");
        assertThat(count(dir, "retry")).as(Files.readString(dir.resolve("journal.jsonl"))).isBetween(1L, 3L);
        assertThat(Files.readString(dir.resolve("journal.jsonl"))).contains("ended without this trial's result");
        assertThat(batches(dir)).containsExactly("batch-000.sh", "batch-001.sh");
        Cli.Result local = Cli.run("study", f.toString(), "--workers", "2", "--out", tmp.resolve("local").toString(), "--quiet");
        assertThat(local.exit()).isZero();
        assertThat(trials(dir)).isEqualTo(trials(tmp.resolve("local")));
    }

    @Test
    void anOptionSbatchRefusesIsAOneLineError() throws Exception {
        Cli.Result r = Cli.run("study", grid().toString(), "--launcher", "slurm", "--slurm-opt=--partition=no-such-partition", "--out",
                tmp.resolve("bad").toString(), "--quiet");
        assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains("sbatch failed").containsIgnoringCase("partition");
    }
}
