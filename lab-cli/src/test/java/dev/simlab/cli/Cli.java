package dev.simlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the simlab command in-process with the distribution's built-in plugins, capturing what a user would see. */
final class Cli {
    record Result(int exit, String out, String err) {}

    /** The distribution's built-in plugins, ND4J loaded, for tests that drive {@code Experiment} directly. */
    static dev.simlab.core.plugin.PluginHost plugins() {
        dev.simlab.core.plugin.PluginHost host = new dev.simlab.core.plugin.PluginHost(List.of(Path.of(System.getProperty("simlab.plugins"))));
        dev.simlab.nn.Backend.init();
        return host;
    }

    /** The repository root (scenarios/, examples/, mvnw). */
    static Path root() {
        return Path.of(System.getProperty("simlab.root", "..")).toAbsolutePath().normalize();
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimLab.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What a process printed (stdout and stderr together) and its exit status. */
    record Process(int exit, String log) {}

    /** The java command that runs simlab in a process of its own, as the launcher does. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dsimlab.plugins=" + System.getProperty("simlab.plugins"),
                "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "dev.simlab.cli.SimLab"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs simlab in a process of its own in folder {@code cwd} and waits (at most 5 minutes). */
    static Process inProcess(Path cwd, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command(args)).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        java.lang.Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("simlab " + String.join(" ", args) + " did not finish");
        }
        return new Process(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** metrics.csv without its wall-clock column(s): what two runs of one scenario and seed must share. */
    static List<String> rowsWithoutWallClock(Path runFolder) throws java.io.IOException {
        List<String> lines = Files.readAllLines(runFolder.resolve("metrics.csv"));
        int wall = List.of(lines.get(0).split(",", -1)).indexOf("wall_seconds");
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String[] c = l.split(",", -1);
            if (wall >= 0 && wall < c.length) c[wall] = "";
            out.add(String.join(",", c));
        }
        return out;
    }

    static String scenario(String name) {
        return root().resolve("scenarios").resolve(name + ".yaml").toString();
    }
}
