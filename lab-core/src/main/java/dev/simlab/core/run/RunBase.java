package dev.simlab.core.run;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What every kind of run shares: the outcome of {@link #call} (a plugin's failure fails the run;
 * a folder that cannot be written stops the experiment), the wall clock that continues across a
 * resume, and the checkpoint entries resume checks (scenario fingerprint, run, seed, the rows it
 * counts, whether the run finished).
 */
abstract class RunBase implements Run {
    protected final RunContext ctx;
    /** Rows this run has written to metrics.csv. */
    protected long rows;
    /** The budget is spent. */
    protected boolean finished;
    private double wallOffset;
    private long start;

    RunBase(RunContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final RunResult call() {
        start = System.nanoTime();
        String status;
        try {
            status = train();
        } catch (UncheckedIOException e) {
            throw e; // the folder cannot be written: the experiment stops and says so
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return result("failed", RunContext.describe(e));
        }
        return result(status, null);
    }

    /** Trains (or continues from {@code ctx.resume()}) until the budget is spent or a stop is requested; {@code completed} or {@code interrupted}. */
    protected abstract String train() throws IOException;

    protected abstract RunResult result(String status, String error);

    /** Seconds this run has trained, across resumes. */
    protected double wall() {
        return wallOffset + (System.nanoTime() - start) / 1e9;
    }

    /**
     * Opens the run's checkpoint with the shared entries written, after its rows reached the OS
     * (periodic and interrupted checkpoints: the disk); null when the run writes no folder.
     */
    protected CheckpointWriter openCheckpoint() throws IOException {
        if (ctx.folder() == null) return null;
        ctx.metrics().sync(ctx.run(), !finished && rows > 0);
        CheckpointWriter w = new CheckpointWriter(ctx.folder().checkpoint(ctx.run()));
        w.putString("scenario", ctx.fingerprint());
        w.putLong("run", ctx.run());
        w.putLong("seed", ctx.seed());
        w.putLong("rows", rows);
        w.putLong("finished", finished ? 1 : 0);
        w.putDouble("wall_seconds", wall());
        return w;
    }

    /** Reads back the shared entries {@link #openCheckpoint} wrote. */
    protected void restoreShared(CheckpointReader r) throws IOException {
        rows = r.getLong("rows");
        finished = r.getLong("finished") == 1;
        wallOffset = r.getDouble("wall_seconds");
    }
}
