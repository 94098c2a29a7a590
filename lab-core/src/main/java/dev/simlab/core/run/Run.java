package dev.simlab.core.run;

/** One run of an experiment (RL or GAN), built by its {@link RunKind} and called on a worker thread. */
interface Run {
    /** Trains until the budget is spent, a stop is requested or the run fails; never throws for a plugin's failure. */
    RunResult call();
}
