package dev.simlab.renderer;

import dev.simlab.core.run.EpisodeRecord;
import dev.simlab.core.run.RunListener;
import dev.simlab.core.run.RunMonitor;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scene.Scene;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

/**
 * The viewer as the run loop sees it: a {@link RunMonitor} (pause, single-step, slow motion,
 * scene snapshots) and a {@link RunListener} (episode returns for the sparkline, episode ends
 * for recording). Everything the training threads touch is a volatile field, an atomic or a
 * lock-free queue: training never waits for a frame, and when nothing is asked the per-step
 * cost is two volatile reads. {@link #show} runs the window on the calling thread, which must be
 * the main thread (GLFW's rule).
 */
public final class Viewer implements RunMonitor, RunListener {
    /** Simulation speeds the + and - keys step through, in env steps per second (0: unlimited). */
    static final double[] SPEEDS = {0, 10000, 3000, 1000, 300, 100, 30, 10, 3, 1};

    final ViewerOptions options;
    private volatile boolean stopped;
    private volatile boolean paused;
    private volatile boolean detached;
    private volatile double stepsPerSecond;
    /** Whether the speed is the watch default that paces a run too fast to follow (see {@link #AUTO}). */
    private volatile boolean autoSpeed;
    private volatile long budgetEpisodes, budgetSteps;
    private volatile long startNanos;
    private final AtomicInteger stepTokens = new AtomicInteger();
    private final Object pauseLock = new Object();
    private volatile int viewedRun;
    volatile int runs = 1;
    private volatile boolean sceneWanted = true;
    private final AtomicReference<Scene> latest = new AtomicReference<>();
    /** The grid view: every run's newest snapshot, and whether its viewport asked for the next. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<Scene> latestByRun = new java.util.concurrent.atomic.AtomicReferenceArray<>(GRID_MAX);
    private final java.util.concurrent.atomic.AtomicIntegerArray wantedByRun = new java.util.concurrent.atomic.AtomicIntegerArray(GRID_MAX);
    /** The most runs {@code --view grid} shows, in a 3 × 3 grid. */
    public static final int GRID_MAX = 9;
    private final long[] nextStepNanos = new long[256];
    /** Each run's rows as the listener heard them, for the sparkline (a run's scenes say how many of them are theirs). */
    private final java.util.concurrent.ConcurrentHashMap<Integer, RunHistory> histories = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean gan;

    // recording: the training thread queues markers and scenes, the window renders and encodes them
    private final EpisodeRecorder recorder;
    private volatile boolean recordingActive;
    private volatile boolean recordingFull;
    private int recordedInClip;
    final ConcurrentLinkedQueue<Object> recordQueue = new ConcurrentLinkedQueue<>();
    static final int MAX_CLIP_FRAMES = 1000;

    record ClipStart(long episodeId) {}

    static final Object CLIP_END = new Object();

    private FrameStats stats = new FrameStats();

    /**
     * {@link ViewerOptions#stepsPerSecond} for {@code watch}'s default: a run that would finish in
     * under {@link #WATCH_SECONDS} is slowed so it takes about that long (a person sees the agent
     * learn); a slower run is not touched. {@code +}, {@code 0} or {@code --speed max} leave it.
     */
    public static final double AUTO = -1;
    /** How long the automatic speed stretches a fast run to. */
    static final double WATCH_SECONDS = 20;
    /** Slowest automatic speed, in steps per second. */
    static final double MIN_AUTO_SPEED = 30;

    public Viewer(ViewerOptions options, LongPredicate recordSchedule) {
        this.options = options;
        for (int i = 0; i < GRID_MAX; i++) wantedByRun.set(i, 1);
        this.autoSpeed = options.stepsPerSecond() == AUTO;
        this.stepsPerSecond = autoSpeed ? 0 : options.stepsPerSecond();
        this.recorder = options.recordDir() == null ? null
                : new EpisodeRecorder(options.recordDir(), recordSchedule, options.stepsPerSecond() > 0 ? Math.min(50, options.stepsPerSecond()) : 30);
        if (recorder != null && recorder.due(0)) startClip(0);
    }

    // ---- RunMonitor: called on the training threads ----

    @Override
    public boolean gate(int run) throws InterruptedException {
        if (stopped) return false;
        if (detached) return true;
        if (paused) {
            synchronized (pauseLock) {
                while (paused && !stopped && !detached) {
                    if (run == viewedRun && stepTokens.get() > 0) {
                        stepTokens.decrementAndGet();
                        break;
                    }
                    pauseLock.wait(50);
                }
            }
            if (stopped) return false;
        }
        double speed = stepsPerSecond;
        if (speed > 0 && run < nextStepNanos.length) {
            long now = System.nanoTime();
            long next = nextStepNanos[run];
            // a fixed timeline: a step that slept too long (parking is coarse) is made up by the next
            // ones, so fast speeds are kept on average; a run that fell far behind starts afresh
            if (next == 0 || now - next > ViewerWindow.CATCH_UP_NANOS) next = now;
            if (next > now) LockSupport.parkNanos(next - now);
            nextStepNanos[run] = next + (long) (1e9 / speed);
        }
        return !stopped;
    }

    @Override
    public boolean wantsScene(int run) {
        if (detached) return false;
        if (options.grid() && run < GRID_MAX && (wantedByRun.get(run) != 0 || paused)) return true;
        return run == viewedRun && (sceneWanted || recordingActive || paused);
    }

    @Override
    public void scene(int run, Scene scene) {
        if (options.grid() && run < GRID_MAX) {
            latestByRun.set(run, scene);
            wantedByRun.set(run, 0);
        }
        if (run != viewedRun) return;
        latest.set(scene);
        sceneWanted = false;
        if (recordingActive && !recordingFull) {
            recordQueue.add(scene);
            if (++recordedInClip >= MAX_CLIP_FRAMES) recordingFull = true;
        }
    }

    // ---- RunListener ----

    /** What an RL run's history keeps per episode, for the sparkline and the grid's curves. */
    private static final String[] RL_COLUMNS = {"return", "eval_return_mean"};

    @Override
    public void started(Scenario scenario) {
        runs = scenario.run().runs();
        gan = scenario instanceof dev.simlab.core.scenario.GanScenario;
        startNanos = System.nanoTime();
        if (scenario instanceof dev.simlab.core.scenario.GanScenario g) {
            budgetSteps = g.plan().iterations();
        } else if (scenario instanceof dev.simlab.core.scenario.RlScenario rl) {
            // the loop steps every env copy at once: the gate counts loop steps
            budgetSteps = rl.plan().steps() > 0 ? Math.max(1, rl.plan().steps() / rl.plan().numEnvs()) : 0;
            budgetEpisodes = rl.plan().episodes();
        }
        if (autoSpeed) stepsPerSecond = budgetSteps > 0 ? Math.max(MIN_AUTO_SPEED, budgetSteps / WATCH_SECONDS) : 0;
    }

    /**
     * An episode budget says nothing of steps: at each episode end of the viewed run the speed is
     * set so the remaining episodes, at the mean length so far, take the rest of the watch time.
     */
    private void paceEpisodes(EpisodeRecord r) {
        if (!autoSpeed || budgetEpisodes <= 0 || budgetSteps > 0 || r.episode() <= 0) return;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double left = WATCH_SECONDS - elapsed;
        double steps = (budgetEpisodes - r.episode()) * (double) r.envSteps() / r.episode();
        stepsPerSecond = left <= 1 ? 0 : Math.max(MIN_AUTO_SPEED, steps / left);
    }

    @Override
    public void episode(EpisodeRecord r) {
        if (gan) {
            java.util.Map<String, Double> row = new java.util.LinkedHashMap<>();
            row.putAll(r.agentMetrics()); // the row's losses
            row.putAll(r.evalInfoMeans()); // and its scores, by metrics.csv column
            history(r.run()).add(row);
        } else {
            history(r.run()).add(RL_COLUMNS, new double[] {r.episodeReturn(), r.evalReturnMean()});
        }
        if (r.run() != viewedRun) return;
        paceEpisodes(r);
        if (recorder == null || detached) return;
        if (recordingActive) {
            recordingActive = false;
            recordQueue.add(CLIP_END);
        }
        // the next episode's id counts from 0, as Gymnasium's RecordVideo does
        if (recorder.due(r.episode())) startClip(r.episode());
    }

    private void startClip(long id) {
        recordedInClip = 0;
        recordingFull = false;
        recordQueue.add(new ClipStart(id));
        recordingActive = true;
    }

    // ---- controls, called from the window thread ----

    /** Ends every run at its next step (the user closed the window, or Ctrl-C). */
    public void stop() {
        stopped = true;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    /** Lets training go on at full speed with no viewer attached (the window closed after --frames). */
    public void detach() {
        detached = true;
        autoSpeed = false;
        paused = false;
        stepsPerSecond = 0;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    void togglePause() {
        paused = !paused;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    void singleStep() {
        if (!paused) {
            paused = true;
            return;
        }
        stepTokens.incrementAndGet();
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    boolean paused() {
        return paused;
    }

    /** Moves along {@link #SPEEDS}: +1 slower, -1 faster. */
    void changeSpeed(int direction) {
        int i = 0;
        double s = stepsPerSecond;
        for (int k = 0; k < SPEEDS.length; k++) if (SPEEDS[k] == s) i = k;
        if (autoSpeed && s > 0) {
            // from the automatic speed to the nearest listed one in that direction
            i = direction < 0 ? firstFaster(s) : SPEEDS.length - 1;
            if (direction > 0) for (int k = SPEEDS.length - 1; k >= 1; k--) if (SPEEDS[k] < s) i = k;
        } else {
            i = Math.max(0, Math.min(SPEEDS.length - 1, i + direction));
        }
        autoSpeed = false;
        stepsPerSecond = SPEEDS[i];
    }

    /** The index of the slowest listed speed faster than {@code s} (0: max). */
    private static int firstFaster(double s) {
        int best = 0;
        for (int k = 1; k < SPEEDS.length; k++) if (SPEEDS[k] > s) best = k;
        return best;
    }

    void unlimitedSpeed() {
        autoSpeed = false;
        stepsPerSecond = 0;
    }

    double speed() {
        return stepsPerSecond;
    }

    String speedLabel() {
        double speed = stepsPerSecond;
        String rate = speed == 0 ? "max" : String.format(java.util.Locale.ROOT, "%,.0f steps/s", speed);
        return autoSpeed ? "auto (" + rate + ", + for faster)" : rate;
    }

    void nextRun() {
        viewedRun = (viewedRun + 1) % Math.max(1, runs);
        latest.set(null);
        sceneWanted = true;
    }

    int viewedRun() {
        return viewedRun;
    }

    RunHistory history(int run) {
        return histories.computeIfAbsent(run, k -> new RunHistory());
    }

    /** The grid view: run {@code run}'s newest snapshot, and a request for its next one. */
    Scene takeScene(int run) {
        wantedByRun.set(run, 1);
        return latestByRun.get(run);
    }

    /** How many viewports the grid view has: every run, at most {@link #GRID_MAX} (1 when not a grid). */
    int views() {
        return options.grid() ? Math.max(1, Math.min(GRID_MAX, runs)) : 1;
    }

    /** The newest snapshot, and a request for the next one. */
    Scene takeScene() {
        sceneWanted = true;
        return latest.get();
    }

    EpisodeRecorder recorder() {
        return recorder;
    }

    boolean recording() {
        return recordingActive;
    }

    void recorded(FrameStats s) {
        stats = s;
    }

    /** Frame times of the last {@link #show} (empty before). */
    public FrameStats frameStats() {
        return stats;
    }

    /** Clips the recorder wrote (GIF and MP4 per episode). */
    public java.util.List<Path> recordings() {
        return recorder == null ? java.util.List.of() : recorder.clips();
    }

    /**
     * Opens the window and draws until it is closed, {@code options.frames()} frames are drawn, or
     * (without {@code keepOpen}) {@code sourceDone} turns true. Must run on the main thread.
     *
     * @return why the window closed
     */
    public ViewerWindow.Outcome show(BooleanSupplier sourceDone) throws InterruptedException {
        try (ViewerWindow w = new ViewerWindow(this)) {
            return w.loop(sourceDone);
        }
    }
}
