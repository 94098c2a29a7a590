package dev.simlab.nn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A loss computed in Java over a whole minibatch, for losses Deeplearning4j does not provide
 * (PPO's clipped surrogate): one bulk copy of the network's outputs (and labels) in, the exact
 * dL/d(outputs) out, which DL4J backpropagates. For output layers with the identity activation:
 * the gradient is with respect to the pre-activation outputs as they are.
 *
 * <p>The gradient is of the minibatch's loss as the subclass defines it (a mean includes its
 * 1/B), so callers step the optimiser themselves with a batch size of 1 rather than
 * {@code fit}, whose updater divides by the batch size.
 */
public abstract class MinibatchLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    /**
     * The loss of {@code outputs} (rows × cols, row-major) and, when {@code grad} is not null,
     * dL/d(outputs) into it (same layout).
     */
    protected abstract double evaluate(double[] labels, double[] outputs, int rows, int cols, double[] grad);

    @Override
    public final INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        int rows = (int) preOutput.size(0), cols = (int) preOutput.size(1);
        double[] grad = new double[rows * cols];
        evaluate(Rows.flatDoubles(labels), Rows.flatDoubles(preOutput), rows, cols, grad);
        return Nd4j.create(grad, new long[] {rows, cols}, 'c').castTo(preOutput.dataType());
    }

    @Override
    public final double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        return evaluate(Rows.flatDoubles(labels), Rows.flatDoubles(preOutput), (int) preOutput.size(0), (int) preOutput.size(1), null);
    }

    @Override
    public final INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        throw new UnsupportedOperationException(name() + " is a minibatch loss; it has no per-row scores");
    }

    @Override
    public final Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                                                                boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average), computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }
}
