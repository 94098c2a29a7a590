package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simlab replay} where it cannot open a window (WatchCommandTest covers it with a display). */
class ReplayCommandTest {
    @TempDir
    Path tmp;

    /** Without DISPLAY, GLFW printed a 17-line LWJGL trace (and libwayland a line of its own) before SimLab's message. */
    @Test
    void withoutADisplayReplaySaysSoInOneLine() throws Exception {
        Path run = tmp.resolve("run");
        assertThat(Cli.run("run", Cli.scenario("cliff-walking-qlearning"), "--runs", "1", "--set", "run.episodes=3",
                "--out", run.toString(), "--quiet").exit()).isZero();

        // a child JVM: the display comes from the environment, which this JVM cannot change
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dsimlab.plugins=" + System.getProperty("simlab.plugins"),
                "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "dev.simlab.cli.SimLab", "replay", run.toString()));
        Path errFile = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectError(errFile.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(errFile);

        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err.strip().lines().toList()).as(err).singleElement().asString()
                .startsWith("error: no display: set DISPLAY or run under xvfb-run");
        assertThat(new String(out, StandardCharsets.UTF_8)).isEmpty();
    }
}
