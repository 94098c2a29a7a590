package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simlab study as a user runs it: real worker JVMs, the journal, a crashed worker, a killed study, bad files. */
class StudyCommandTest {
    @TempDir
    Path tmp;

    private Path study(String name, String body) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, "name: " + name + "\nscenario: " + Cli.scenario("cliff-walking-sarsa") + "\n" + body);
        return f;
    }

    private static final String GRID = "search:\n  method: grid\n  space:\n    agent.alpha: {values: [0.2, 0.5]}\n"
            + "    agent.epsilon: {values: [0.05, 0.1]}\n    run.episodes: {values: [EPISODES]}\n"
            + "seeds: 3\nobjective: {metric: return_mean, episodes: [21, 100], goal: max}\n";

    private static List<String> trials(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve("trials.csv")).stream().map(l -> {
            String[] c = l.split(",");
            return String.join(",", List.of(c).subList(0, c.length - 1)); // wall_seconds aside
        }).toList();
    }

    private static long attempts(Path dir, int trial) throws Exception {
        return Files.readAllLines(dir.resolve("journal.jsonl")).stream().filter(l -> l.contains("\"event\":\"attempt\", \"trial\":" + trial + ",")).count();
    }

    @Test
    void oneOrTwoWorkerJvmsGiveTheSameTrialsAndBestYamlRuns() throws Exception {
        Path f = study("grid", GRID.replace("EPISODES", "100"));
        Cli.Result one = Cli.run("study", f.toString(), "--workers", "1", "--out", tmp.resolve("one").toString(), "--quiet");
        assertThat(one.exit()).as(one.err() + one.out()).isZero();
        Cli.Result two = Cli.run("study", f.toString(), "--workers", "2", "--out", tmp.resolve("two").toString(), "--quiet");
        assertThat(two.exit()).as(two.err()).isZero();
        assertThat(trials(tmp.resolve("two"))).isEqualTo(trials(tmp.resolve("one"))).hasSize(5);
        assertThat(one.out()).contains("4 completed, 0 pruned, 0 failed").contains("top trials");
        // every trial is a normal run folder, and best.yaml is a runnable scenario
        Cli.Result best = Cli.run("run", tmp.resolve("one/best.yaml").toString(), "--out", tmp.resolve("best").toString(), "--quiet");
        assertThat(best.exit()).as(best.err()).isZero();
        Cli.Result status = Cli.run("study", "status", tmp.resolve("one").toString());
        assertThat(status.out()).contains("4 trials proposed: 4 completed").contains("best: trial");
        // the same command again runs nothing again
        Cli.Result again = Cli.run("study", f.toString(), "--workers", "2", "--out", tmp.resolve("two").toString(), "--quiet");
        assertThat(again.exit()).isZero();
        for (int t = 0; t < 4; t++) assertThat(attempts(tmp.resolve("two"), t)).isEqualTo(1);
    }

    @Test
    void aWorkerThatDiesIsReplacedAndItsTrialRetried() throws Exception {
        Path f = study("crash", GRID.replace("EPISODES", "20000"));
        Path dir = tmp.resolve("crash");
        Thread killer = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    var workers = ProcessHandle.current().descendants().filter(StudyCommandTest::isWorker).toList();
                    if (!workers.isEmpty() && Files.exists(dir.resolve("journal.jsonl")) && attempts(dir, 0) > 0) {
                        Thread.sleep(100);
                        workers.get(0).destroyForcibly(); // as a native crash or the OOM killer would
                        return;
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        killer.start();
        Cli.Result r = Cli.run("study", f.toString(), "--workers", "1", "--out", dir.toString(), "--quiet");
        killer.join();
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(Files.readString(dir.resolve("journal.jsonl"))).contains("\"event\":\"retry\"");
        assertThat(trials(dir).subList(1, 5)).allMatch(l -> l.contains(",completed,"));
    }

    private static boolean isWorker(ProcessHandle p) {
        try {
            String cmd = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
            return cmd.contains("dev.simlab.cli.SimLab worker");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aStudyKilledWithSigkillContinuesWithoutRepeatingFinishedTrials() throws Exception {
        Path f = study("killed", GRID.replace("EPISODES", "3000"));
        Path whole = tmp.resolve("whole");
        assertThat(Cli.run("study", f.toString(), "--workers", "1", "--out", whole.toString(), "--quiet").exit()).isZero();
        Path dir = tmp.resolve("killed");
        Process p = new ProcessBuilder(Cli.command("study", f.toString(), "--workers", "1", "--out", dir.toString(), "--quiet"))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && (!Files.exists(dir.resolve("journal.jsonl"))
                || Files.readAllLines(dir.resolve("journal.jsonl")).stream().filter(l -> l.contains("\"event\":\"ended\"")).count() < 2)) {
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor();
        List<String> before = Files.readAllLines(dir.resolve("journal.jsonl"));
        int ended = (int) before.stream().filter(l -> l.contains("\"event\":\"ended\"")).count();
        assertThat(ended).as(Files.readString(tmp.resolve("log"))).isBetween(2, 3);
        Cli.Result again = Cli.run("study", f.toString(), "--workers", "1", "--out", dir.toString(), "--quiet");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(trials(dir)).isEqualTo(trials(whole));
        for (int t = 0; t < ended; t++) assertThat(attempts(dir, t)).as("trial %d ended before the kill", t).isEqualTo(1);
    }

    @Test
    void aCompareStudyRunsEachScenarioOnTheSameSeeds() throws Exception {
        Path f = tmp.resolve("cmp.yaml");
        Files.writeString(f, "name: cmp\ncompare:\n  - " + Cli.scenario("cliff-walking-qlearning") + "\n  - " + Cli.scenario("cliff-walking-sarsa")
                + "\nseeds: 4\nobjective: {metric: final_return_mean, goal: max}\n");
        Cli.Result r = Cli.run("study", f.toString(), "--workers", "2", "--out", tmp.resolve("cmp").toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(tmp.resolve("cmp/trials.csv"));
        assertThat(rows.get(0)).startsWith("trial,status,objective,scenario,seeds");
        assertThat(rows).hasSize(3);
        // on the cliff, SARSA's online return beats Q-learning's (Sutton & Barto, Figure 6.4)
        double q = Double.parseDouble(rows.get(1).split(",")[2]), sarsa = Double.parseDouble(rows.get(2).split(",")[2]);
        assertThat(sarsa).isGreaterThan(q);
        List<String> stats = Files.readAllLines(tmp.resolve("cmp/report/stats.csv"));
        assertThat(stats.get(0)).isEqualTo("name,statistic,value,ci_low,ci_high");
        assertThat(String.join("\n", stats)).contains(",iqm,").contains(",probability_of_improvement,");
        assertThat(tmp.resolve("cmp/report/index.html")).exists();
        // the same statistics for run folders trained apart
        Path a = tmp.resolve("q"), b = tmp.resolve("s");
        assertThat(Cli.run("run", Cli.scenario("cliff-walking-qlearning"), "--runs", "4", "--out", a.toString(), "--quiet").exit()).isZero();
        assertThat(Cli.run("run", Cli.scenario("cliff-walking-sarsa"), "--runs", "4", "--out", b.toString(), "--quiet").exit()).isZero();
        Cli.Result c = Cli.run("compare", a.toString(), b.toString(), "--out", tmp.resolve("cmp2").toString());
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("s>q,probability_of_improvement,").contains("report: ");
    }

    @Test
    void theSlurmLauncherWithoutSbatchIsAOneLineErrorAndLeavesNoFolder() throws Exception {
        Path out = tmp.resolve("noslurm");
        Cli.Process p = Cli.inProcess(tmp, Map.of("PATH", "/nonexistent"), "study", study("noslurm", GRID.replace("EPISODES", "100")).toString(),
                "--launcher", "slurm", "--out", out.toString(), "--quiet");
        assertThat(p.exit()).as(p.log()).isEqualTo(2);
        assertThat(p.log().strip().lines()).as(p.log()).hasSize(1);
        assertThat(p.log()).contains("sbatch is not on the PATH");
        assertThat(out).doesNotExist();
    }

    @Test
    void badStudyFilesAreOneLineWithExitTwoAndLeaveNoFolder() throws Exception {
        for (Map.Entry<String, String> bad : Map.of(
                "search:\n  method: grid\n  space:\n    agent.alpah: {values: [0.1]}\nobjective: {metric: return_mean, episodes: [1, 10]}\n", "agent.alpah",
                "search:\n  method: grdi\n  space:\n    agent.alpha: {values: [0.1]}\nobjective: {metric: return_mean}\n", "grid",
                "serch:\n  method: grid\nobjective: {metric: return_mean}\n", "did you mean 'search'").entrySet()) {
            Path out = tmp.resolve("bad");
            Cli.Result r = Cli.run("study", study("bad", bad.getKey()).toString(), "--out", out.toString(), "--quiet");
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains(bad.getValue());
            assertThat(out).doesNotExist();
        }
    }
}
