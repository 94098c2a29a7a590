package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.renderer.VirtualDisplay;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simlab watch} and {@code simlab replay} as a user runs them, in a real simlab process
 * drawing with OpenGL into its own Xvfb display (GLFW reads DISPLAY from the environment). Fails
 * without Xvfb, saying to install it: CI installs it.
 */
class WatchCommandTest {
    static VirtualDisplay display;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startXvfb() throws Exception {
        display = VirtualDisplay.start(1280, 800);
    }

    @AfterAll
    static void stopXvfb() throws Exception {
        if (display != null) display.close();
    }

    record Run(int exit, String log) {}

    private Run simlab(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dsimlab.plugins=" + System.getProperty("simlab.plugins"),
                "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "dev.simlab.cli.SimLab"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display.display());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void watchTrainsWithAWindowWritesAScreenshotAndReportsTheFrameRate() throws Exception {
        Path out = tmp.resolve("run");
        Path png = tmp.resolve("x.png");
        Run r = simlab("watch", Cli.scenario("cliff-walking-qlearning"), "--runs", "2", "--frames", "30", "--screenshot", png.toString(),
                "--width", "640", "--height", "360", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.log()).isZero();

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(360);
        int background = img.getRGB(img.getWidth() - 2, 2) & 0xFFFFFF;
        int differing = 0, green = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int px = img.getRGB(x, y) & 0xFFFFFF;
                if (px != background) differing++;
                int rr = (px >> 16) & 0xFF, gg = (px >> 8) & 0xFF, bb = px & 0xFF;
                if (gg > 120 && gg > rr + 60 && gg > bb + 40) green++;
            }
        }
        assertThat(differing).as("scene drawn over the background").isGreaterThan(img.getWidth() * img.getHeight() / 5);
        assertThat(green).as("the goal tile is green").isGreaterThan(200);

        String summary = Files.readString(out.resolve("summary.json"));
        assertThat(summary).contains("\"status\": \"completed\"");
        Matcher fps = Pattern.compile("\"viewer_fps\": ([0-9.]+)").matcher(summary);
        assertThat(fps.find()).as(summary).isTrue();
        assertThat(Double.parseDouble(fps.group(1))).isGreaterThan(1);
        assertThat(summary).containsPattern("\"env_steps_per_second\": [0-9.]+");
        assertThat(Files.readAllLines(out.resolve("frame-times.csv"))).hasSize(30); // header + 29 intervals
        assertThat(Files.exists(out.resolve("checkpoints/run-001.ckpt"))).isTrue();

        // the trained agent, replayed greedily and recorded: the cliff walk's 13-step path
        Path rec = tmp.resolve("rec");
        Run replay = simlab("replay", out.toString(), "--episodes", "1", "--speed", "0", "--record", rec.toString(),
                "--width", "320", "--height", "200");
        assertThat(replay.exit()).as(replay.log()).isZero();
        assertThat(replay.log()).contains("1 greedy episode shown, return [-13.00]");
        Path gif = rec.resolve("episode-000000.gif");
        assertThat(gif).exists();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).as("one frame per step of the episode").isBetween(10, 14);
            assertThat(reader.read(0).getWidth()).isEqualTo(320);
        }
        assertThat(rec.resolve("episode-000000/frame-00000.png")).exists();
        // and the same clip as H.264 MP4, decoded by ffprobe: one frame per GIF frame, at the recording's 30 frames/s
        Path mp4 = rec.resolve("episode-000000.mp4");
        assertThat(replay.log()).contains("recorded: " + mp4);
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames,duration", "-of", "csv=p=0", mp4.toString()).redirectErrorStream(true).start();
        String[] stream = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(",");
        assertThat(probe.waitFor()).as(String.join(",", stream)).isZero();
        int gifFrames = Files.list(rec.resolve("episode-000000")).toList().size();
        assertThat(stream).as("codec, width, height, duration, frames").containsExactly("h264", "320", "200",
                String.format(java.util.Locale.ROOT, "%.6f", gifFrames / 30.0), Integer.toString(gifFrames));
        assertThat(rec.resolve("episode-000001.gif")).as("no empty clip for an episode that never started").doesNotExist();
    }

    /**
     * The same scenario and seed give the same metrics.csv rows whether watched or not: the viewer
     * reads the agent's figures and draws the GAN's samples every frame, and neither may change a
     * result. Tabular, DQN (its averaged TD loss) and GAN scenarios.
     */
    @Test
    void watchingChangesNoResult() throws Exception {
        // {scenario, --speed, overrides…}: the cliff walk at full speed ends before a window has opened on a quiet
        // machine, so it is paced (about 300,000 env steps at 60,000 a second) to be watched while it trains
        List<String[]> cases = List.of(
                new String[] {"cliff-walking-qlearning", "60000", "--runs", "1", "--set", "run.episodes=20000"},
                new String[] {"cartpole-dqn", "max", "--set", "run.steps=4000", "--set", "agent.learning_starts=500", "--set", "run.eval_episodes=5",
                        "--set", "run.eval_envs=5", "--set", "run.eval_every=10"},
                new String[] {"gan-ring", "max", "--runs", "1", "--set", "run.iterations=400", "--set", "run.eval_every=100", "--set", "run.eval_samples=500"});
        for (String[] c : cases) {
            String[] rest = java.util.Arrays.copyOfRange(c, 2, c.length);
            Path ran = tmp.resolve(c[0] + "-run"), watched = tmp.resolve(c[0] + "-watch");
            List<String> runArgs = new ArrayList<>(List.of("run", Cli.scenario(c[0]), "--quiet", "--out", ran.toString()));
            runArgs.addAll(List.of(rest));
            Cli.Result r = Cli.run(runArgs.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isZero();
            List<String> watchArgs = new ArrayList<>(List.of("watch", Cli.scenario(c[0]), "--quiet", "--out", watched.toString(),
                    "--width", "320", "--height", "200", "--fps", "0", "--speed", c[1], "--screenshot", tmp.resolve(c[0] + ".png").toString()));
            watchArgs.addAll(List.of(rest));
            Run w = simlab(watchArgs.toArray(String[]::new));
            assertThat(w.exit()).as(w.log()).isZero();
            assertThat(Files.readAllLines(watched.resolve("frame-times.csv")).size()).as(c[0] + ": frames drawn while training").isGreaterThan(3);
            List<String> rows = Cli.rowsWithoutWallClock(ran);
            assertThat(Cli.rowsWithoutWallClock(watched)).as(c[0]).isEqualTo(rows);
            if (c[0].equals("cartpole-dqn")) {
                int tdLoss = List.of(rows.get(0).split(",")).indexOf("td_loss");
                assertThat(tdLoss).isPositive();
                assertThat(rows.get(rows.size() - 1).split(",")[tdLoss]).as("td_loss once learning started").isNotIn("", "NaN");
            }
        }
    }

    /** The HUD's fields a screenshot carries (its PNG Description). */
    static String description(Path png) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            reader.setInput(in);
            org.w3c.dom.NodeList entries = ((org.w3c.dom.Element) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0"))
                    .getElementsByTagName("iTXtEntry");
            for (int i = 0; i < entries.getLength(); i++) {
                org.w3c.dom.Element e = (org.w3c.dom.Element) entries.item(i);
                if (e.getAttribute("keyword").equals("Description")) return e.getAttribute("text");
            }
            return "";
        }
    }

    /**
     * 100 episodes of cliff walking train in well under a second: watched at the default speed
     * the run is paced so it can be followed, and the window ends on the learned state (values,
     * greedy arrows, final HUD), not on the first frame.
     */
    @Test
    void aFastRunIsPacedAndTheWindowEndsOnItsLearnedState() throws Exception {
        Path out = tmp.resolve("fast"), end = tmp.resolve("end.png"), start = tmp.resolve("start.png");
        Run r = simlab("watch", Cli.scenario("cliff-walking-qlearning"), "--runs", "1", "--set", "run.episodes=100", "--screenshot", end.toString(),
                "--width", "640", "--height", "360", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.log()).isZero();
        String summary = Files.readString(out.resolve("summary.json"));
        Matcher wall = Pattern.compile("\"wall_seconds\": ([0-9.]+)").matcher(summary);
        assertThat(wall.find()).isTrue();
        assertThat(Double.parseDouble(wall.group(1))).as("paced to be watched").isGreaterThan(8);
        assertThat(summary).as("frames drawn while it learned").containsPattern("\"viewer_fps\": [0-9]");
        assertThat(Files.readAllLines(out.resolve("frame-times.csv")).size()).isGreaterThan(200);

        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        String[] last = rows.get(rows.size() - 1).split(",");
        String hud = description(end);
        assertThat(hud).contains("episodes: 100\n").contains("training: done\n")
                .contains("env steps: " + String.format(java.util.Locale.ROOT, "%,d", Long.parseLong(last[4])) + "\n")
                .contains("last return: " + last[2] + "\n").contains("eval return: -13\n").doesNotContain("NaN");

        // the first frames of the same run: Q = 0 everywhere, so a uniform heat-map and arrows all one way
        Run first = simlab("watch", Cli.scenario("cliff-walking-qlearning"), "--runs", "1", "--set", "run.episodes=100", "--speed", "1",
                "--frames", "5", "--screenshot", start.toString(), "--width", "640", "--height", "360", "--out", tmp.resolve("first").toString(), "--quiet");
        assertThat(first.exit()).as(first.log()).isZero();
        assertThat(description(start)).containsPattern("episode: [12]\n").doesNotContain("training: done"); // at most one step taken
        BufferedImage a = ImageIO.read(end.toFile()), b = ImageIO.read(start.toFile());
        int tilesChanged = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = a.getWidth() / 2; x < a.getWidth(); x++) { // the right half: tiles, no HUD panel
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xFF) - ((q >> 16) & 0xFF)) + Math.abs(((p >> 8) & 0xFF) - ((q >> 8) & 0xFF)) + Math.abs((p & 0xFF) - (q & 0xFF));
                if (d > 60) tilesChanged++;
            }
        }
        assertThat(tilesChanged).as("learned values and arrows drawn over the tiles").isGreaterThan(a.getWidth() * a.getHeight() / 20);
    }

    /**
     * {@code --runs 4 --view grid}: four runs trained at once, each in its viewport with its own HUD,
     * and under them every run's learning curve with their mean; the runs' results are those of
     * {@code simlab run} with the same settings.
     */
    @Test
    void theGridViewShowsEveryRunWithItsHudAndTheirCurvesAndChangesNoResult() throws Exception {
        Path ran = tmp.resolve("grid-run"), watched = tmp.resolve("grid-watch"), png = tmp.resolve("grid.png");
        Cli.Result r = Cli.run("run", Cli.scenario("cliff-walking-qlearning"), "--runs", "4", "--set", "run.episodes=300", "--quiet", "--out", ran.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        int w = 800, h = 450;
        Run g = simlab("watch", Cli.scenario("cliff-walking-qlearning"), "--runs", "4", "--set", "run.episodes=300", "--view", "grid",
                "--speed", "max", "--screenshot", png.toString(), "--width", "" + w, "--height", "" + h, "--out", watched.toString());
        assertThat(g.exit()).as(g.log()).isZero();
        assertThat(g.log()).contains("watching runs 0-3 in a grid");
        // the same rows (runs train in parallel, so rows of different runs may come in another order)
        List<String> a = new ArrayList<>(Cli.rowsWithoutWallClock(ran)), b = new ArrayList<>(Cli.rowsWithoutWallClock(watched));
        assertThat(b.get(0)).isEqualTo(a.get(0));
        java.util.Collections.sort(a);
        java.util.Collections.sort(b);
        assertThat(b).hasSize(1 + 4 * 300).isEqualTo(a);

        // every run's HUD, each on its final state
        String hud = description(png);
        for (int run = 0; run < 4; run++) assertThat(hud).contains("run: " + run + "\n");
        assertThat(hud.split("training: done", -1)).as(hud).hasSize(5);
        assertThat(hud).doesNotContain("NaN");

        // each viewport (2 x 2 above the curve strip, the bottom 24% of the window) shows its run's green goal tile
        BufferedImage img = ImageIO.read(png.toFile());
        int strip = Math.round(h * 0.24f), area = h - strip;
        for (int cell = 0; cell < 4; cell++) {
            int x0 = cell % 2 * w / 2, y0 = cell / 2 * area / 2, green = 0;
            for (int y = y0; y < y0 + area / 2; y++) {
                for (int x = x0; x < x0 + w / 2; x++) {
                    int px = img.getRGB(x, y) & 0xFFFFFF, rr = (px >> 16) & 0xFF, gg = (px >> 8) & 0xFF, bb = px & 0xFF;
                    if (gg > 120 && gg > rr + 60 && gg > bb + 40) green++;
                }
            }
            assertThat(green).as("run %d's viewport shows the goal tile", cell).isGreaterThan(50);
        }
        // the strip: the mean drawn white over the runs' coloured curves
        int white = 0, coloured = 0;
        for (int y = area + strip / 4; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int px = img.getRGB(x, y) & 0xFFFFFF, rr = (px >> 16) & 0xFF, gg = (px >> 8) & 0xFF, bb = px & 0xFF;
                if (rr > 240 && gg > 240 && bb > 240) white++;
                if (Math.max(rr, Math.max(gg, bb)) - Math.min(rr, Math.min(gg, bb)) > 100) coloured++;
            }
        }
        assertThat(white).as("the mean curve").isGreaterThan(w / 2);
        assertThat(coloured).as("the runs' curves").isGreaterThan(w / 4);
    }

    @Test
    void badViewerOptionsAreRejectedBeforeAnyWindowOpens() throws Exception {
        Cli.Result view = Cli.run("watch", Cli.scenario("cliff-walking-qlearning"), "--view", "mosaic");
        assertThat(view.exit()).isEqualTo(SimLab.INVALID);
        assertThat(view.err()).contains("--view").contains("single or grid");
        Cli.Result many = Cli.run("watch", Cli.scenario("cliff-walking-qlearning"), "--view", "grid", "--runs", "10");
        assertThat(many.exit()).isEqualTo(SimLab.INVALID);
        assertThat(many.err()).contains("--view").contains("up to 9 runs");
        Cli.Result r = Cli.run("watch", Cli.scenario("cliff-walking-qlearning"), "--screenshot", "x.jpg");
        assertThat(r.exit()).isEqualTo(SimLab.INVALID);
        assertThat(r.err()).contains("--screenshot").contains(".png");
        Cli.Result speed = Cli.run("watch", Cli.scenario("cliff-walking-qlearning"), "--speed", "fast");
        assertThat(speed.exit()).isEqualTo(SimLab.INVALID);
        assertThat(speed.err()).contains("--speed").contains("auto, max");
    }
}
