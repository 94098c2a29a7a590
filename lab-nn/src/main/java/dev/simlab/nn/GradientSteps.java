package dev.simlab.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One network's gradient steps for losses that average over the minibatch themselves
 * ({@link MinibatchLoss}: PPO's and SAC's), through {@link DenseBackprop}'s passes where they
 * apply (bit-identical to DL4J's calls, with less work per step) and through {@link Training}'s
 * DL4J calls otherwise.
 */
public final class GradientSteps {
    private final MultiLayerNetwork net;
    private final DenseBackprop dense;
    private org.deeplearning4j.nn.gradient.Gradient pending;

    private GradientSteps(MultiLayerNetwork net) {
        this.net = net;
        this.dense = DenseBackprop.of(net);
    }

    public static GradientSteps of(MultiLayerNetwork net) {
        return new GradientSteps(net);
    }

    /** {@link Training#gradient}: dL/dθ of the loss at {@code labels}, a view the caller may scale before {@link #step}. */
    public INDArray gradient(INDArray x, INDArray labels) {
        if (dense == null) return Training.gradient(net, x, labels);
        dense.forward(x);
        pending = dense.backward(labels);
        return dense.gradientVector();
    }

    /** {@link Training#step}: the optimiser's step on the last {@link #gradient} (batch size 1). */
    public void step() {
        if (dense == null) {
            Training.step(net);
            return;
        }
        if (pending == null) throw new IllegalStateException("step() without a gradient() before it");
        dense.step(pending, 1);
        pending = null;
    }

    /**
     * {@code net.output(x)}'s values, through {@link DenseBackprop#output} where it applies (the
     * same operations without DL4J's per-call allocations): valid until the next output on as many
     * rows, so read them first.
     */
    public INDArray output(INDArray x) {
        return dense == null ? net.output(x) : dense.output(x);
    }

    /** {@link #gradient} then {@link #step}. */
    public void descend(INDArray x, INDArray labels) {
        gradient(x, labels);
        step();
    }

    /**
     * dL/dx of the loss at {@code labels} ({@code calculateGradients(x, labels, null, null)}'s
     * input gradient), without changing the network's gradient or parameters.
     */
    public float[] inputGradient(INDArray x, INDArray labels) {
        if (dense == null) return Rows.flat(net.calculateGradients(x, labels, null, null).getSecond());
        dense.forward(x);
        return Rows.flat(dense.inputGradient(labels));
    }
}
