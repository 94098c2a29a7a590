package dev.simlab.core.run;

import dev.simlab.core.scenario.Scenario;

/**
 * A sink for run-loop events: the metrics writer, the progress bar, the viewer. Runs of a batch
 * train on several threads, so {@link #episode} and {@link #runFinished} may be called
 * concurrently and must be thread-safe. Nothing in the loop knows who listens.
 */
public interface RunListener {
    default void started(Scenario scenario) {}

    default void episode(EpisodeRecord record) {}

    default void runFinished(RunResult result) {}

    /** After every run ended (or the experiment was interrupted). */
    default void finished(boolean interrupted) {}
}
