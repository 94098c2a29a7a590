package dev.simlab.renderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Xvfb X server on a free display number, for drawing without a screen (CI, benchmarks,
 * screenshots). Mesa's llvmpipe does the OpenGL in software. GLFW reads {@code DISPLAY} from the
 * environment, so the drawing happens in a child process started with {@link #display()}.
 */
public final class VirtualDisplay implements AutoCloseable {
    private final Process process;
    private final int number;

    private VirtualDisplay(Process process, int number) {
        this.process = process;
        this.number = number;
    }

    /** Starts Xvfb with one screen of the given size; fails with the install command when Xvfb is missing. */
    public static VirtualDisplay start(int width, int height) throws IOException, InterruptedException {
        String xvfb = find("Xvfb");
        if (xvfb == null) throw new IllegalStateException("Xvfb is not installed: apt-get install xvfb (and libgl1-mesa-dri for OpenGL)");
        for (int n = 90 + (int) (ProcessHandle.current().pid() % 50); n < 400; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) continue;
            // niced like the viewer's own thread: the X server's share of a frame must not slow training either
            Process p = new ProcessBuilder(List.of("nice", "-n", "10", xvfb, ":" + n, "-screen", "0", width + "x" + height + "x24", "-nolisten", "tcp", "-noreset"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Path socket = Path.of("/tmp/.X11-unix/X" + n);
            for (int i = 0; i < 100 && p.isAlive() && !Files.exists(socket); i++) Thread.sleep(50);
            if (p.isAlive() && Files.exists(socket)) return new VirtualDisplay(p, n);
            p.destroy(); // lost a race for this number: try the next
        }
        throw new IllegalStateException("could not start Xvfb on any display from :90 to :399");
    }

    private static String find(String program) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path + ":/usr/bin").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    /** The value for {@code DISPLAY}, e.g. {@code :93}. */
    public String display() {
        return ":" + number;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
