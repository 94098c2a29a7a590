package dev.simlab.core;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;

/** A test env: cells 0..n-1, start at a random cell in the left half, action 1 moves right, 0 left; the right end pays 1 and terminates. */
public final class Corridor implements Env {
    private final int n;
    private final Step step = new Step(0);
    private final Rng rng = new Rng(0);
    private final boolean reportReached;
    private final boolean savesState;
    private int pos;

    public Corridor(int n) {
        this(n, false);
    }

    /** @param reportReached put {@code reached} (1 at the right end, else 0) in the info of every step */
    public Corridor(int n, boolean reportReached) {
        this(n, reportReached, true);
    }

    /** @param savesState false for an env that cannot checkpoint its state (resume reseeds it) */
    public Corridor(int n, boolean reportReached, boolean savesState) {
        this.n = n;
        this.reportReached = reportReached;
        this.savesState = savesState;
    }

    @Override
    public boolean savesState() {
        return savesState;
    }

    @Override
    public void saveState(CheckpointWriter out, String prefix) throws IOException {
        out.putLongs(prefix + "rng", rng.state()).putLong(prefix + "pos", pos);
    }

    @Override
    public void restoreState(CheckpointReader in, String prefix) throws IOException {
        rng.setState(in.getLongs(prefix + "rng"));
        pos = (int) in.getLong(prefix + "pos");
    }

    @Override
    public Space observationSpace() {
        return new Discrete(n);
    }

    @Override
    public Space actionSpace() {
        return new Discrete(2);
    }

    @Override
    public Step reset(long seed) {
        rng.setSeed(seed);
        return reset();
    }

    @Override
    public Step reset() {
        pos = rng.nextInt(n / 2);
        return step.start().state(pos);
    }

    @Override
    public Step step(int action) {
        pos = Math.max(0, Math.min(n - 1, pos + (action == 1 ? 1 : -1)));
        boolean end = pos == n - 1;
        step.info().clear();
        if (reportReached) step.info().put("reached", end ? 1 : 0);
        return step.state(pos).outcome(end ? 1 : -0.01, end, false);
    }
}
