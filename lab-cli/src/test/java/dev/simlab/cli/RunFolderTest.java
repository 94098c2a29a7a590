package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run folder as a user meets it: a written scenario.yaml re-runs, a GAN folder evaluates, a
 * folder killed with SIGKILL resumes to the uninterrupted result, two processes never share a
 * folder, and a full disk loses nothing.
 */
class RunFolderTest {
    @TempDir
    Path tmp;

    @Test
    void aWrittenScenarioYamlReRunsIntoANewFolderAndReproducesItsMetrics() throws Exception {
        Path first = tmp.resolve("first");
        Cli.Result r = Cli.run("run", Cli.scenario("cliff-walking-sarsa"), "--runs", "3", "--set", "run.episodes=60", "--out", first.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(first.resolve("scenario.yaml"))).doesNotContain("out:").contains("command: simlab run ");
        assertThat(Files.readString(first.resolve("scenario.yaml"))).doesNotContain("simlab run run");
        // as the file's header says: simlab run <file>, from any folder, with no --out
        Cli.Process again = Cli.inProcess(tmp, Map.of(), "run", first.resolve("scenario.yaml").toString(), "--quiet");
        assertThat(again.exit()).as(again.log()).isZero();
        Path second;
        try (var s = Files.list(tmp.resolve("results"))) {
            second = s.findFirst().orElseThrow();
        }
        assertThat(Cli.rowsWithoutWallClock(second)).isEqualTo(Cli.rowsWithoutWallClock(first));
    }

    @Test
    void evalOnAGanRunFolderScoresFreshSamplesFromItsGenerator() throws Exception {
        Path out = tmp.resolve("gan");
        Cli.Result r = Cli.run("run", Cli.scenario("gan-ring"), "--runs", "1", "--set", "run.iterations=200", "--set", "run.eval_every=0",
                "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, String> before = snapshot(out);
        Cli.Result e = Cli.run("eval", out.toString(), "--episodes", "500");
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(snapshot(out)).as("eval only reads the folder (its tb/ files too)").isEqualTo(before);
        assertThat(e.out()).contains("500 generated samples").contains("modes_covered").contains("high_quality");
    }

    @Test
    void aRunKilledWithSigkillResumesToTheUninterruptedRows() throws Exception {
        String[] run = {"run", Cli.scenario("cliff-walking-qlearning"), "--runs", "2", "--set", "run.episodes=60000", "--set", "run.checkpoint_every=1000",
                "--quiet", "--out"};
        Path whole = tmp.resolve("whole");
        assertThat(Cli.run(concat(run, whole.toString())).exit()).isZero();

        Path killed = tmp.resolve("killed");
        java.lang.Process p = new ProcessBuilder(Cli.command(concat(run, killed.toString()))).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log").toFile()).start();
        Path ckpt1 = killed.resolve("checkpoints/run-001.ckpt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // killed while both runs are under way: run 1's rows are in its part file, not yet in metrics.csv
        while (System.nanoTime() < deadline && !(Files.exists(ckpt1) && Files.size(ckpt1) > 0 && Files.exists(killed.resolve(".metrics-run-001.part"))
                && Files.size(killed.resolve(".metrics-run-001.part")) > 100_000)) Thread.sleep(20);
        p.destroyForcibly().waitFor();
        assertThat(p.exitValue()).isEqualTo(137);
        assertThat(Files.exists(killed.resolve("summary.json"))).isFalse();

        Cli.Result resumed = Cli.run("run", "--resume", killed.toString(), "--quiet");
        assertThat(resumed.exit()).as(resumed.err() + resumed.out()).isZero();
        assertThat(Cli.rowsWithoutWallClock(killed)).isEqualTo(Cli.rowsWithoutWallClock(whole));
        assertThat(Files.readString(killed.resolve("summary.json"))).contains("\"status\": \"completed\"");
        // TensorBoard: each run still has one event file, holding the uninterrupted run's events once
        for (int k = 0; k < 2; k++) assertThat(tensorBoardEvents(killed, k)).as("run %d", k).isEqualTo(tensorBoardEvents(whole, k));
    }

    /** Run {@code run}'s TensorBoard events without their wall-clock times; its tb folder holds exactly one file. */
    static List<String> tensorBoardEvents(Path dir, int run) throws java.io.IOException {
        try (var s = Files.list(dir.resolve(String.format("tb/run-%03d", run)))) {
            List<Path> files = s.toList();
            assertThat(files).hasSize(1);
            return dev.simlab.core.tb.EventFileReader.read(files.get(0)).stream().map(e -> e.toBuilder().clearWallTime().build().toString()).toList();
        }
    }

    /** Every file under {@code dir} with its bytes: what reading a folder must leave as it was. */
    static Map<String, String> snapshot(Path dir) throws java.io.IOException {
        Map<String, String> m = new java.util.TreeMap<>();
        try (var s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return m;
    }

    @Test
    void aSecondProcessOnAFolderInUseIsRefusedInOneLine() throws Exception {
        Path busy = tmp.resolve("busy");
        java.lang.Process p = new ProcessBuilder(Cli.command("run", Cli.scenario("cliff-walking-qlearning"), "--runs", "1",
                "--set", "run.episodes=100000000", "--out", busy.toString(), "--quiet")).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !Files.exists(busy.resolve("metrics.csv"))) Thread.sleep(20);
            for (String[] args : List.of(new String[] {"run", Cli.scenario("cliff-walking-qlearning"), "--out", busy.toString(), "--quiet"},
                    new String[] {"run", "--resume", busy.toString(), "--quiet"})) {
                Cli.Result r = Cli.run(args);
                assertThat(r.exit()).as(r.err()).isEqualTo(2);
                assertThat(r.err().strip().lines()).hasSize(1);
                assertThat(r.err()).contains(busy.toString()).contains("in use by another simlab process");
            }
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskKeepsRowsWholeSaysWhereAndWhyAndTheFolderResumes() throws Exception {
        Path mount = tmp.resolve("small");
        Files.createDirectories(mount);
        boolean mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mount.toString()).start().waitFor() == 0;
        assumeTrue(mounted, "needs root to mount a small tmpfs (CI runs as root)");
        try {
            Path out = mount.resolve("run");
            String[] args = {"run", Cli.scenario("cliff-walking-qlearning"), "--runs", "2", "--set", "run.episodes=20000",
                    "--set", "run.checkpoint_every=500", "--out", out.toString(), "--quiet"};
            Cli.Result full = Cli.run(args);
            assertThat(full.exit()).as(full.err()).isEqualTo(1);
            assertThat(full.err().strip().lines()).as(full.err()).hasSize(1);
            assertThat(full.err()).contains(out.toString()).containsIgnoringCase("no space left on device").contains("--resume");
            assertThat(Files.readString(out.resolve("metrics.csv"))).endsWith("\n");

            assertThat(new ProcessBuilder("mount", "-o", "remount,size=64m", mount.toString()).start().waitFor()).isZero();
            Cli.Result resumed = Cli.run("run", "--resume", out.toString(), "--quiet");
            assertThat(resumed.exit()).as(resumed.err()).isZero();
            Path whole = tmp.resolve("whole");
            args[args.length - 2] = whole.toString();
            assertThat(Cli.run(args).exit()).isZero();
            assertThat(Cli.rowsWithoutWallClock(out)).isEqualTo(Cli.rowsWithoutWallClock(whole));
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }

    @Test
    void outOnAReadOnlyFileSystemOrAnExistingRunFolderIsOneLineNamingWhy() throws Exception {
        Path first = tmp.resolve("first");
        String cliff = Cli.scenario("cliff-walking-qlearning");
        assertThat(Cli.run("run", cliff, "--runs", "1", "--set", "run.episodes=5", "--out", first.toString(), "--quiet").exit()).isZero();
        for (int i = 0; i < 5; i++) {
            Cli.Result again = Cli.run("run", cliff, "--runs", "1", "--out", first.toString(), "--quiet");
            assertThat(again.exit()).isEqualTo(2);
            assertThat(again.err().strip().lines()).as(again.err()).hasSize(1);
            assertThat(again.err()).contains(first.toString()).contains("already exists and is not empty");
        }
        Path ro = tmp.resolve("ro");
        Files.createDirectories(ro);
        boolean mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro.toString()).start().waitFor() == 0;
        assumeTrue(mounted, "needs root to mount a read-only tmpfs (CI runs as root)");
        try {
            Cli.Result r = Cli.run("run", cliff, "--out", ro.resolve("run").toString(), "--quiet");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains(ro.resolve("run").toString()).containsIgnoringCase("read-only file system");
        } finally {
            new ProcessBuilder("umount", "-l", ro.toString()).start().waitFor();
        }
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
