package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C on a real simlab process: complete metrics rows, a summary marked interrupted, checkpoints, resume. */
class InterruptTest {
    @TempDir
    Path tmp;

    @Test
    void ctrlCKeepsCompleteRowsAndMarksTheSummaryInterrupted() throws Exception {
        Path out = tmp.resolve("run");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dsimlab.plugins=" + System.getProperty("simlab.plugins"),
                "-Djava.awt.headless=true", "dev.simlab.cli.SimLab", "run", Cli.scenario("frozenlake-qlearning"),
                "--set", "run.episodes=1000000", "--runs", "2", "--out", out.toString(), "--quiet"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        try {
            interruptAndCheck(p, out);
        } finally {
            p.destroyForcibly();
        }
    }

    private void interruptAndCheck(Process p, Path out) throws Exception {
        Path metrics = out.resolve("metrics.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (!Files.exists(metrics) || Files.size(metrics) < 20_000)) Thread.sleep(100);
        assertThat(Files.size(metrics)).as(Files.readString(tmp.resolve("log"))).isGreaterThanOrEqualTo(20_000);

        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(130);

        String csv = Files.readString(metrics);
        assertThat(csv).endsWith("\n");
        int columns = csv.lines().findFirst().orElseThrow().split(",", -1).length;
        csv.lines().forEach(l -> assertThat(l.split(",", -1)).hasSize(columns));
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"status\": \"interrupted\"");
        assertThat(Files.exists(out.resolve("checkpoints/run-000.ckpt"))).isTrue();
        assertThat(Files.readString(tmp.resolve("log"))).contains("interrupted");

        // ... and resumes from the checkpoints to the full budget, numbering continuing where it stopped
        Cli.Result resumed = Cli.run("run", "--resume", out.toString(), "--quiet");
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"status\": \"completed\"");
        long[] next = {1, 1};
        try (var lines = Files.lines(metrics)) {
            lines.skip(1).forEach(l -> {
                String[] c = l.split(",", 3);
                int run = Integer.parseInt(c[0]);
                assertThat(Long.parseLong(c[1])).isEqualTo(next[run]++);
            });
        }
        assertThat(next).containsExactly(1_000_001, 1_000_001);
        assertThat(out.resolve("metrics.csv.before-resume")).doesNotExist();
    }

    @Test
    void resumeRefusesFoldersThatAreNotRuns() {
        Cli.Result r = Cli.run("run", "--resume", tmp.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a SimLab run folder");
    }
}
