package dev.simlab.core.run;

import dev.simlab.core.checkpoint.CheckpointReader;
import java.util.function.BooleanSupplier;

/**
 * What {@link Experiment} hands one run: its index and seed, where its events and rows go, the
 * stop flag, an optional viewer, its folder (null for runs that write nothing) and the checkpoint
 * to continue from (null for a fresh start).
 */
record RunContext(int run, long seed, RunListener listener, MetricsWriter metrics, BooleanSupplier stop, RunMonitor monitor,
                  RunFolder folder, CheckpointReader resume, String fingerprint) {

    boolean stopRequested() {
        return stop.getAsBoolean();
    }

    /** Waits while the viewer pauses this run; false when the run should stop. */
    boolean gate() {
        if (monitor == null) return true;
        try {
            return monitor.gate(run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean wantsScene() {
        return monitor != null && monitor.wantsScene(run);
    }

    /** A failure's one-line description, naming the first plugin frame: what {@code summary.json} records. */
    static String describe(Throwable e) {
        String where = "";
        for (StackTraceElement el : e.getStackTrace()) {
            if (!el.getClassName().startsWith("dev.simlab.core")) {
                where = " (at " + el.getClassName() + "." + el.getMethodName() + ":" + el.getLineNumber() + ")";
                break;
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where;
    }
}
