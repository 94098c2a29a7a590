package dev.simlab.cli;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.Experiment;
import dev.simlab.core.run.LearningCurvePlot;
import dev.simlab.core.run.RunResult;
import dev.simlab.core.run.Summary;
import dev.simlab.core.scenario.GanScenario;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import dev.simlab.renderer.Camera;
import dev.simlab.renderer.EpisodeRecorder;
import dev.simlab.renderer.FrameStats;
import dev.simlab.renderer.Viewer;
import dev.simlab.renderer.ViewerOptions;
import dev.simlab.renderer.ViewerWindow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "watch", description = "Train like `simlab run`, with a live 3D window of run 0 (the other runs train beside it). "
        + "Training runs on its own threads; the window takes the latest scene at its own frame rate. The run folder is run's, "
        + "plus frame-times.csv, and summary.json gains viewer_fps and env_steps_per_second. Keys: see docs/VIEWER.md.")
final class WatchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "scenario YAML file or name of a built-in scenario")
    String file;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default results/<name>-<time>)")
    Path outDir;

    @Option(names = "--speed", paramLabel = "auto|max|STEPS/S", defaultValue = "auto",
            description = "training speed while watched: auto (a run that would finish in seconds is slowed to take about 20 s, "
                    + "so you see it learn; slower runs are untouched), max, or env steps per second; + and - change it live (default ${DEFAULT-VALUE})")
    String speed;

    @Option(names = "--view", paramLabel = "single|grid", defaultValue = "single",
            description = "single: one run at a time (Tab for the next); grid: every run in its own viewport with its HUD (up to "
                    + Viewer.GRID_MAX + "), all trained at once, and a panel of every run's learning curve with their mean (default ${DEFAULT-VALUE})")
    String view;

    @Mixin
    TrainingOptions training;

    @Mixin
    ViewerFlags viewerFlags;

    @Mixin
    SimLab.Common common;

    @Spec
    CommandSpec spec;

    /** The window options {@code watch} and {@code replay} share. */
    static final class ViewerFlags {
        @Option(names = "--screenshot", paramLabel = "FILE.png", description = "write a PNG of the window after --frames frames, or when the window closes")
        Path screenshot;

        @Option(names = "--frames", paramLabel = "N", defaultValue = "0",
                description = "close the window after N frames (training goes on without it); 0: when done or closed by the user")
        int frames;

        @Option(names = "--width", defaultValue = "1280", description = "window width in pixels (default ${DEFAULT-VALUE})")
        int width;

        @Option(names = "--height", defaultValue = "720", description = "window height in pixels (default ${DEFAULT-VALUE})")
        int height;

        @Option(names = "--fps", defaultValue = "60", description = "frame-rate cap, 0 for none (default ${DEFAULT-VALUE})")
        double fps;

        @Option(names = "--record", paramLabel = "DIR", description = "record episodes on Gymnasium RecordVideo's capped cubic schedule "
                + "(0, 1, 8, 27, ... then every 1000th) as PNG frames and an animated GIF each")
        Path record;

        @Option(names = "--camera", paramLabel = "MODE", defaultValue = "orbit",
                description = "camera to start with: orbit, follow, chase or top-down; c cycles them (default ${DEFAULT-VALUE})")
        String camera;

        @Option(names = "--keep-open", description = "keep the window open when done, until it is closed (watch does so anyway "
                + "unless --frames or --screenshot is given)")
        boolean keepOpen;

        ViewerOptions options(String title, double stepsPerSecond) {
            return options(title, stepsPerSecond, keepOpen);
        }

        ViewerOptions options(String title, double stepsPerSecond, boolean keepOpen) {
            return options(title, stepsPerSecond, keepOpen, false);
        }

        ViewerOptions options(String title, double stepsPerSecond, boolean keepOpen, boolean grid) {
            if (width < 64 || height < 64) throw new ConfigException("--width/--height", "", "must be at least 64 pixels");
            if (frames < 0) throw new ConfigException("--frames", "", "must be 0 or more");
            if (fps < 0) throw new ConfigException("--fps", "", "must be 0 (no cap) or more");
            if (screenshot != null && !screenshot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new ConfigException("--screenshot", "", "give a .png file name");
            }
            Camera.Mode mode;
            try {
                mode = Camera.Mode.parse(camera);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--camera", "", "unknown camera '" + camera + "'; choose orbit, follow, chase or top-down");
            }
            return new ViewerOptions(width, height, fps, frames, screenshot, record, keepOpen, title, stepsPerSecond, mode, grid);
        }
    }

    @Override
    public Integer call() throws Exception {
        LearningCurvePlot.warmUpInBackground();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> overrides = training.overrides();
        if (outDir != null) overrides.add("run.out=" + outDir);
        try (PluginHost host = common.loadPlugins(err)) {
            boolean grid = grid(view);
            Scenario scenario = new ScenarioLoader(host.registry()).load(file, overrides);
            int runs = scenario.run().runs();
            if (grid && runs > Viewer.GRID_MAX) {
                throw new ConfigException("--view", "", "grid shows up to " + Viewer.GRID_MAX + " runs; this scenario has " + runs + " (use --runs N)");
            }
            if (grid && scenario.run().workers() < runs && overrides.stream().noneMatch(o -> o.startsWith("run.threads="))) {
                // every viewport live at once: one training thread per run (runs are independent, so results do not change)
                overrides.add("run.threads=" + runs);
                scenario = new ScenarioLoader(host.registry()).load(file, overrides);
            }
            Experiment<?> experiment = Experiment.of(scenario, TrainingOptions.outputDir(scenario, null)).probe();
            // the window ends on the learned state and stays until closed, unless told when to end
            boolean keepOpen = viewerFlags.keepOpen || (viewerFlags.frames == 0 && viewerFlags.screenshot == null);
            ViewerOptions options = viewerFlags.options("SimLab · " + scenario.name(), speed(speed), keepOpen, grid);
            return watch(experiment, options, out, err);
        }
    }

    /** {@code --view}: single or grid. */
    static boolean grid(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "single" -> false;
            case "grid" -> true;
            default -> throw new ConfigException("--view", "", "'" + value + "' is not a view; choose single or grid");
        };
    }

    /** {@code --speed}: auto, max (or 0), or steps per second. */
    static double speed(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) return Viewer.AUTO;
        if (v.equals("max")) return 0;
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new ConfigException("--speed", "", "'" + value + "' is not a speed; choose auto, max or env steps per second (a number >= 0)");
    }

    private int watch(Experiment<?> experiment, ViewerOptions options, PrintWriter out, PrintWriter err) throws Exception {
        try (AutoCloseable ctrlC = experiment.stopOnShutdown()) {
            return watchGuarded(experiment, options, out, err);
        }
    }

    private int watchGuarded(Experiment<?> experiment, ViewerOptions options, PrintWriter out, PrintWriter err) throws Exception {
        Scenario scenario = experiment.scenario();
        String backend = TrainingOptions.backend(scenario);
        int runs = scenario.run().runs();
        TrainingOptions.header(out, scenario, backend, "output:  " + experiment.outDir(),
                options.grid() && runs > 1 ? ", watching runs 0-" + (runs - 1) + " in a grid" : ", watching run 0");
        Viewer viewer = new Viewer(options, EpisodeRecorder.CAPPED_CUBIC);
        experiment.monitor(viewer).listen(viewer).onStop(viewer::stop)
                .provenance("simlab " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), backend);
        ProgressBar progress = training.quiet ? null : ProgressBar.of(err, scenario);
        if (progress != null) experiment.listen(progress);

        long start = System.nanoTime();
        // GLFW wants the main thread: training goes to its own thread (and the experiment's workers)
        AtomicReference<Experiment.Outcome> outcome = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread trainer = new Thread(() -> {
            try {
                outcome.set(experiment.run());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "simlab-train");
        trainer.setDaemon(true);
        trainer.start();
        ViewerWindow.Outcome shown;
        try {
            shown = viewer.show(() -> !trainer.isAlive());
        } catch (RuntimeException e) {
            experiment.requestStop();
            trainer.join();
            throw e;
        }
        if (shown == ViewerWindow.Outcome.CLOSED_BY_USER && trainer.isAlive()) {
            experiment.requestStop(); // closing the window ends training, like Ctrl-C
        } else {
            viewer.detach(); // --frames: the window is gone, training finishes at full speed
        }
        trainer.join();
        if (progress != null) progress.close();
        if (failure.get() instanceof RuntimeException re) throw re;
        if (failure.get() instanceof IOException io) throw io;
        if (failure.get() != null) throw new IllegalStateException(failure.get().getMessage(), failure.get());

        double wall = (System.nanoTime() - start) / 1e9;
        Experiment.Outcome o = outcome.get();
        FrameStats frames = viewer.frameStats();
        frames.writeCsv(o.dir().resolve("frame-times.csv"));
        boolean gan = scenario instanceof GanScenario;
        double work = 0, longest = 0;
        for (RunResult r : o.results()) {
            work += r.figure(gan ? "iterations" : "env_steps");
            longest = Math.max(longest, r.wallSeconds());
        }
        writeSummary(o.dir().resolve("summary.json"), o.summary().toMap(), gan ? "iterations_per_second" : "env_steps_per_second",
                longest > 0 ? work / longest : null, frames);
        out.println();
        out.print(o.summary().table());
        out.println("viewer: " + frames.describe());
        if (options.screenshot() != null) out.println("screenshot: " + options.screenshot());
        for (Path clip : viewer.recordings()) out.println("recorded: " + clip);
        out.printf(Locale.ROOT, "%s in %.2fs; results in %s%n%n", o.status(), wall, o.dir());
        out.flush();
        return TrainingOptions.exitCode(o);
    }

    /**
     * {@code summary.json} as {@code simlab run} writes it, plus the figures of a watched run: the
     * training speed ({@code env_steps_per_second}: all runs' env steps over the longest run's wall
     * time; GAN runs: {@code iterations_per_second}) and the viewer's mean frame rate.
     */
    static void writeSummary(Path file, Map<String, Object> summary, String speedKey, Double speed, FrameStats frames) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(summary);
        m.put(speedKey, speed);
        m.put("viewer_fps", Double.isNaN(frames.meanFps()) ? null : frames.meanFps());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("frames", frames.frames());
        v.put("mean_fps", Double.isNaN(frames.meanFps()) ? null : frames.meanFps());
        v.put("frame_interval_ms_p50", nullIfNaN(frames.intervalPercentile(50)));
        v.put("frame_interval_ms_p95", nullIfNaN(frames.intervalPercentile(95)));
        v.put("draw_ms_p50", nullIfNaN(frames.workPercentile(50)));
        v.put("draw_ms_p95", nullIfNaN(frames.workPercentile(95)));
        m.put("viewer", v);
        Summary.writeJson(file, m);
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

}
