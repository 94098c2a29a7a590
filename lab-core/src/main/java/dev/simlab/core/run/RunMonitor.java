package dev.simlab.core.run;

import dev.simlab.core.scene.Scene;

/**
 * How a viewer watches and steers runs from its own thread. The run loop (RL steps and GAN
 * iterations alike) calls {@link #gate} and {@link #wantsScene} once per step on the training
 * thread, so both must be cheap when nothing is asked of them (a volatile read); the scene is
 * built only when the viewer wants a new one, and training never waits for a frame to be drawn.
 */
public interface RunMonitor {
    /**
     * Blocks while the viewer has paused this run and returns at once otherwise; single-stepping
     * and slow motion are implemented here too. Returns false when the run should stop.
     */
    boolean gate(int run) throws InterruptedException;

    /** True when the viewer would draw a fresh snapshot of this run. */
    boolean wantsScene(int run);

    /** Hands over a frozen snapshot of the run's first env copy (or the GAN), built on the training thread. */
    void scene(int run, Scene scene);
}
