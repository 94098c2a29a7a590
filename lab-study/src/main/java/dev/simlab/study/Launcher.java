package dev.simlab.study;

/**
 * Where a study's trials run. The coordinator {@link #start}s trials (at most {@link #slots()} at
 * once), answers their pruning questions and takes their events in the order they come; what a
 * launcher reports never changes a result, only when it arrives.
 */
public interface Launcher extends AutoCloseable {
    /** Trials that may run at once. */
    int slots();

    /** Starts a trial (or queues it until {@link #flush}); returns at once. */
    void start(Trial trial) throws java.io.IOException;

    /** Submits what {@link #start} queued (a Slurm array); local launchers start at once and ignore it. */
    default void flush() throws java.io.IOException {}

    /** The next event from any running trial; blocks. */
    Event next() throws InterruptedException, java.io.IOException;

    /** Whether the trial that reported {@code step} goes on (a launcher without pruning never asks). */
    void answer(Trial trial, int step, boolean proceed) throws java.io.IOException;

    /** True when trials can be pruned while they run (local workers); false for batch schedulers. */
    default boolean canPrune() {
        return true;
    }

    @Override
    void close() throws java.io.IOException;

    /** What running trials report. */
    sealed interface Event permits Intermediate, Finished, Crashed {}

    /** An evaluation point: the trial waits for {@link #answer} before it goes on. */
    record Intermediate(Trial trial, int step, double value) implements Event {}

    record Finished(Trial trial, TrialRunner.Outcome outcome) implements Event {}

    /** The attempt died without an outcome (a native crash, out of memory, a killed worker). */
    record Crashed(Trial trial, String reason) implements Event {}
}
