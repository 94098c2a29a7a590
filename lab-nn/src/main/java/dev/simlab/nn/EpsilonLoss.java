package dev.simlab.nn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The "loss" L = Σ labels ⊙ output, whose gradient with respect to the output is the labels
 * themselves. It lets {@code MultiLayerNetwork.fit(x, eps)} and {@code calculateGradients(x, eps)}
 * backpropagate an externally computed dL/d(output): the GAN losses are computed in Java on the
 * discriminator's logits, and the generator receives the discriminator's input gradient, so G is
 * trained through D without copying parameters between networks; SAC's actor is trained through
 * its critics' action gradient the same way.
 */
public final class EpsilonLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        return out.muli(labels).sum(1).reshape(-1, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        double s = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? s / labels.size(0) : s;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return activationFn.backprop(preOutput.dup(), labels.dup()).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                                                          boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average), computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "epsilon";
    }

    @Override
    public String toString() {
        return "EpsilonLoss()";
    }
}
