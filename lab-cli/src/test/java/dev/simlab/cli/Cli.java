package dev.simlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the simlab command in-process with the distribution's built-in plugins, capturing what a user would see. */
final class Cli {
    record Result(int exit, String out, String err) {}

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

    static String scenario(String name) {
        return root().resolve("scenarios").resolve(name + ".yaml").toString();
    }
}
