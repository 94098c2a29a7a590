package dev.simlab.core.env;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;

/**
 * One run's normalisation statistics: the observations' running mean and variance and the
 * discounted return's, each null where that normalisation is off. The run's training copies
 * update them, its evaluation copies read them frozen, and the run's checkpoint carries them, so
 * a resumed run (and {@code simlab eval} or {@code replay} of a checkpoint) normalises exactly as
 * the saved one did.
 */
public record Normalization(RunningMeanStd observations, RunningMeanStd returns) {
    public static final Normalization NONE = new Normalization(null, null);

    public void save(CheckpointWriter out, String prefix) throws IOException {
        if (observations != null) observations.save(out, prefix + "observations.");
        if (returns != null) returns.save(out, prefix + "returns.");
    }

    public void restore(CheckpointReader in, String prefix) throws IOException {
        if (observations != null) observations.restore(in, prefix + "observations.");
        if (returns != null) returns.restore(in, prefix + "returns.");
    }
}
