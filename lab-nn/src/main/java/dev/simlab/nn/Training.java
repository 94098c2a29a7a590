package dev.simlab.nn;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient steps and checkpoints of a network whose loss is a {@link MinibatchLoss} (PPO's and
 * SAC's): the gradient is taken by one forward and backward pass, may be changed (clipped) by
 * the caller, and the network's own optimiser then steps it with a batch size of 1, since the
 * loss already averaged over the minibatch ({@code fit} would divide by the batch size again).
 * Checkpoints hold parameters, optimiser state and the counts Adam's bias correction reads,
 * never DL4J's model files.
 */
public final class Training {
    private Training() {}

    /** One forward and backward pass of {@code net}'s loss; the gradient view it returns holds dL/dθ. */
    public static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray labels) {
        net.setInput(x);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.gradient().gradient();
    }

    /** The optimiser's step on the gradient in the network's gradient view (batch size 1: the loss already averaged). */
    public static void step(MultiLayerNetwork net) {
        int iteration = net.getIterationCount();
        Gradient g = net.gradient();
        net.getUpdater().update(net, g, iteration, net.getEpochCount(), 1, LayerWorkspaceMgr.noWorkspaces());
        net.params().subi(g.gradient());
        net.setIterationCount(iteration + 1);
    }

    /** {@link #gradient} then {@link #step}. */
    public static void descend(MultiLayerNetwork net, INDArray x, INDArray labels) {
        gradient(net, x, labels);
        step(net);
    }

    /**
     * Polyak averaging of a target network: θ' ← (1 − τ)·θ' + τ·θ, in place. τ·θ is formed in
     * {@code scratch} (an array shaped as the parameters, the caller's to keep): the same ops as
     * {@code online.params().mul(tau)}, bit for bit, without a fresh parameter-sized array per
     * call (SAC averages twice per gradient step; each fresh array is a malloc and new pages).
     */
    public static void polyak(MultiLayerNetwork target, MultiLayerNetwork online, double tau, INDArray scratch) {
        target.params().muli(1 - tau).addi(scratch.assign(online.params()).muli(tau));
    }

    /** Parameters only (a target network's, which no optimiser steps). */
    public static void saveParams(CheckpointWriter out, String key, MultiLayerNetwork net) throws IOException {
        out.putFloats(key, Rows.flat(net.params()));
    }

    public static void restoreParams(CheckpointReader in, String key, MultiLayerNetwork net) throws IOException {
        float[] p = in.getFloats(key);
        if (p.length != net.numParams()) throw new IOException("checkpoint network '" + key + "' has " + p.length + " parameters, this one " + net.numParams());
        net.setParams(Nd4j.createFromArray(p).reshape(1, p.length));
    }

    public static void save(CheckpointWriter out, String key, MultiLayerNetwork net) throws IOException {
        saveParams(out, key, net);
        INDArray u = net.getUpdater(true).getStateViewArray();
        if (u != null) out.putFloats(key + ".updater", Rows.flat(u));
        out.putLongs(key + ".counts", new long[] {net.getIterationCount(), net.getEpochCount()});
    }

    public static void restore(CheckpointReader in, String key, MultiLayerNetwork net) throws IOException {
        restoreParams(in, key, net);
        INDArray state = net.getUpdater(true).getStateViewArray();
        if (in.has(key + ".updater")) {
            float[] u = in.getFloats(key + ".updater");
            if (state == null || state.length() != u.length) throw new IOException("checkpoint optimiser state of '" + key + "' does not fit this network's optimiser");
            state.assign(Nd4j.createFromArray(u).reshape(state.shape()));
        }
        long[] c = in.getLongs(key + ".counts");
        net.setIterationCount((int) c[0]);
        net.setEpochCount((int) c[1]);
    }
}
