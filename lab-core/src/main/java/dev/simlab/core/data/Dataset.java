package dev.simlab.core.data;

import dev.simlab.core.rng.Rng;

/**
 * Real data for a GAN: either a finite set of examples (digits) or a distribution that can be
 * sampled without end (2D mixtures). Examples are flat float vectors of {@link #dimension()}.
 */
public interface Dataset {
    /** Floats per example, e.g. 2 for 2D mixtures, 64 for 8×8 digits. */
    int dimension();

    /** Shape of one example for display, e.g. {@code [2]} or {@code [8, 8]}. */
    int[] shape();

    /** Number of stored examples; -1 for a distribution sampled on demand. */
    int size();

    /** Fills {@code out} with {@code n} examples drawn with the given generator, example after example. */
    void sample(Rng rng, int n, float[] out);

    /** Mode centres for mode-coverage metrics (flat, {@link #dimension()} floats each), or null. */
    default float[] modes() {
        return null;
    }

    /** Standard deviation around each mode, for the 3σ high-quality test; NaN when not a mixture. */
    default double modeStddev() {
        return Double.NaN;
    }

    /** Classes of a labelled dataset (e.g. 10 for the digits), for class-conditional GANs; 0 when it has no labels. */
    default int classes() {
        return 0;
    }

    /**
     * As {@link #sample(Rng, int, float[])}, also writing each example's class (0 … {@link #classes()} − 1)
     * into {@code labels}; only for labelled datasets.
     */
    default void sample(Rng rng, int n, float[] out, int[] labels) {
        throw new UnsupportedOperationException("this dataset has no labels");
    }

    /**
     * Held-out examples of the same kind (e.g. Fashion-MNIST's test set), for GANs scored on data
     * they never trained on (image repair, super-resolution); null when the dataset has none.
     */
    default Dataset heldOut() {
        return null;
    }

    /**
     * Scores of {@code n} examples generated for the classes {@code requested} (one per example), e.g. how
     * often a classifier reads the requested class; by default those of {@link #score(float[], int)}.
     */
    default java.util.Map<String, Double> score(float[] samples, int n, int[] requested) {
        return score(samples, n);
    }

    /**
     * Dataset-specific quality scores of {@code n} generated examples (e.g. a classifier's
     * confidence, k-NN precision and recall for images), by name; empty when the dataset has none.
     * Mixtures need not implement it: the run loop scores them with {@link dev.simlab.core.gan.ModeCoverage}.
     */
    default java.util.Map<String, Double> score(float[] samples, int n) {
        return java.util.Map.of();
    }
}
