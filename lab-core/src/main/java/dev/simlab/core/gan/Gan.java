package dev.simlab.core.gan;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.scene.SceneBuilder;
import java.io.IOException;
import java.util.Map;

/**
 * A generator and a discriminator/critic trained against a {@link dev.simlab.core.data.Dataset}.
 * The run loop calls {@link #trainIteration()} (the critic steps and one generator step) where an
 * RL run would play an episode, and {@link #generate} at evaluation points for the metrics.
 */
public interface Gan extends AutoCloseable {
    /** One iteration; returns the losses of this iteration by name (e.g. {@code d_loss}, {@code g_loss}). */
    Map<String, Double> trainIteration();

    /** Writes {@code n} generated examples into {@code out}, example after example. */
    void generate(int n, float[] out);

    /** Classes a class-conditional GAN generates (its dataset's), 0 for an unconditional one. */
    default int classes() {
        return 0;
    }

    /**
     * Writes {@code n} examples generated for the classes {@code labels} (one per example) into
     * {@code out}; only for a conditional GAN ({@link #classes()} &gt; 0).
     */
    default void generate(int n, float[] out, int[] labels) {
        throw new UnsupportedOperationException("this GAN is not class-conditional");
    }

    /**
     * Called once when the run's budget is spent, before its final evaluation: a GAN may switch
     * to the generator it chose to end on (e.g. the best one it kept along the way). Returns
     * figures for the run's summary (e.g. the iteration of the generator it ends on); none by default.
     */
    default Map<String, Double> finish() {
        return Map.of();
    }

    /**
     * A GAN that maps images to images (inpainting, super-resolution) is scored on held-out images
     * rather than by sampling: it returns its figures there (e.g. {@code psnr}, {@code ssim} and the
     * same for baselines computed in the same run) and the images of its sample grid. Null, the
     * default, for a GAN that generates: the run loop samples it and scores the samples.
     */
    default Evaluation evaluate() {
        return null;
    }

    /**
     * Figures by name, and {@code grid}: {@code rows × columns} images of {@code h × w} pixels in [0, 1]
     * for the run's sample grid (e.g. input, output and truth side by side).
     */
    record Evaluation(Map<String, Double> figures, float[] grid, int rows, int columns, int h, int w) {}

    /** Draws the current samples (and e.g. the discriminator surface) for the viewer. */
    default void describe(SceneBuilder scene) {}

    void save(CheckpointWriter out) throws IOException;

    void restore(CheckpointReader in) throws IOException;

    @Override
    default void close() {}
}
