package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a third party does: build examples/custom-agent with Maven as a standalone project, drop the
 * jar into a plugins folder, and run a scenario that names its agent.
 */
class CustomAgentExampleTest {
    @TempDir
    Path tmp;

    @Test
    void exampleAgentPluginBuildsLoadsAndLearns() throws Exception {
        Path root = Cli.root();
        Process build = new ProcessBuilder(root.resolve("mvnw").toString(), "-q", "-B", "-f",
                root.resolve("examples/custom-agent/pom.xml").toString(), "package")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("build.log").toFile()).start();
        assertThat(build.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(build.exitValue()).as(Files.readString(tmp.resolve("build.log"))).isZero();

        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(root.resolve("examples/custom-agent/target/mc-control-plugin-1.0.0.jar"), plugins.resolve("mc-control-plugin-1.0.0.jar"));

        Cli.Result listed = Cli.run("plugins", "--plugins-dir", plugins.toString());
        assertThat(listed.out()).containsPattern("mc-control\\s+1\\.0\\.0\\s+mc-control-plugin-1\\.0\\.0\\.jar\\s+agent:mc-control");

        Path out = tmp.resolve("run");
        Cli.Result r = Cli.run("run", root.resolve("examples/custom-agent/cliff-walking-mc.yaml").toString(),
                "--plugins-dir", plugins.toString(), "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(rows).hasSize(1 + 4 * 300);
        double early = mean(rows, 1, 30), late = mean(rows, 271, 300);
        assertThat(late).as("Monte-Carlo control improves on its first episodes").isGreaterThan(early + 20);
    }

    private static double mean(List<String> rows, int fromEpisode, int toEpisode) {
        return rows.stream().skip(1).map(l -> l.split(","))
                .filter(c -> Integer.parseInt(c[1]) >= fromEpisode && Integer.parseInt(c[1]) <= toEpisode)
                .mapToDouble(c -> Double.parseDouble(c[2])).average().orElseThrow();
    }
}
