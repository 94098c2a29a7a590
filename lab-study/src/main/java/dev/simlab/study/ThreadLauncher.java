package dev.simlab.study;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs trials on threads of this JVM: for a plugin author's or a test's small study, where a
 * worker JVM per slot is not worth its start. A native crash here ends the study itself; use
 * {@link LocalLauncher} for anything that may crash.
 */
public final class ThreadLauncher implements Launcher {
    private final int slots;
    private final TrialRunner runner;
    private final Path studyDir;
    private final ExecutorService pool;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<Integer, BlockingQueue<Boolean>> answers = new ConcurrentHashMap<>();

    public ThreadLauncher(int slots, TrialRunner runner, Path studyDir) {
        this.slots = slots;
        this.runner = runner;
        this.studyDir = studyDir;
        this.pool = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "simlab-trial");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public void start(Trial trial) {
        BlockingQueue<Boolean> mine = new LinkedBlockingQueue<>();
        answers.put(trial.number(), mine);
        pool.submit(() -> {
            try {
                TrialRunner.Outcome o = runner.run(trial, studyDir.resolve("trials").resolve(trial.id()), (t, step, value) -> {
                    events.add(new Intermediate(t, step, value));
                    return mine.take();
                });
                events.add(new Finished(trial, o));
            } catch (Throwable e) {
                events.add(new Crashed(trial, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        });
    }

    @Override
    public Event next() throws InterruptedException {
        return events.take();
    }

    @Override
    public void answer(Trial trial, int step, boolean proceed) {
        BlockingQueue<Boolean> q = answers.get(trial.number());
        if (q != null) q.add(proceed);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
