package dev.simlab.nn;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Forward and backward passes of a plain dense MLP ({@link Networks#mlp}: dense layers, then an
 * output layer) that keep their activations, for the small networks RL trains, where DL4J's
 * per-call work rivals the arithmetic. Each method issues exactly the ND4J operations DL4J's own
 * {@code DenseLayer}, {@code OutputLayer} and {@code MultiLayerNetwork} issue, on arrays of the
 * same shapes and orders, so a step is bit-identical to {@code fit} (tested), but:
 * <ul>
 *   <li>the backward pass reuses the forward pass's pre-activations, where DL4J computes each
 *       layer's {@code x·W + b} again, and the output layer's twice more (its gradient and its
 *       score);</li>
 *   <li>no score is computed (callers that record a loss have it from their loss object);</li>
 *   <li>{@link #inputGradient} propagates a loss gradient to the input without the parameter
 *       gradients {@code calculateGradients} also computes (SAC's ∂Q/∂a, a GAN generator's
 *       step through its discriminator);</li>
 *   <li>the updater is handed the network's own gradient array, so it takes its path for the
 *       network's gradients rather than the one for gradients from outside (see
 *       {@link OwnGradient});</li>
 *   <li>the arrays the passes write into are kept per row count instead of allocated per call.</li>
 * </ul>
 * The optimiser step is the network's own updater (Adam, per-layer gradient clipping, the
 * minibatch division, any regularization), as {@code fit} applies it.
 *
 * <p>{@link #of} answers null for networks it does not reproduce exactly (dropout, weight noise,
 * layer norm, constraints, listeners, preprocessors, other layer kinds); callers then use DL4J's
 * calls.
 */
public final class DenseBackprop {
    private final MultiLayerNetwork net;
    private final int layers;
    private final INDArray[] weights, biases, weightGrads, biasGrads;
    private final IActivation[] activations;
    private final ILossFunction loss;
    /** The network's gradient array, and a vector view of it (the shape its parameters have). */
    private final INDArray gradientArray, gradientVector;
    /** That array and its per-parameter views as the updater takes them, the same every step. */
    private final Gradient gradient;
    /** Of the last {@link #forward}: the input of each layer, and each layer's x·W + b. */
    private final INDArray[] inputs, preOutputs;
    /**
     * Arrays the training passes write into, per row count (DL4J reuses its workspaces
     * likewise; a GAN's discriminator sees two or three row counts): each layer's x·W + b, its
     * activations, and dL/d(its input).
     */
    private final Map<Long, INDArray[][]> buffers = new HashMap<>();
    private INDArray[] zBuffers, activationBuffers, productBuffers, epsilonBuffers, epsilonRows;
    private long bufferRows = -1;
    /** The same arrays for {@link #output}, so that inference leaves the kept training pass alone. */
    private final Map<Long, INDArray[][]> outputBuffers = new HashMap<>();

    private DenseBackprop(MultiLayerNetwork net) {
        this.net = net;
        this.layers = net.getnLayers();
        if (net.getFlattenedGradients() == null) net.initGradientsView();
        gradientArray = net.getFlattenedGradients();
        gradientVector = gradientArray.reshape(net.params().shape());
        weights = new INDArray[layers];
        biases = new INDArray[layers];
        weightGrads = new INDArray[layers];
        biasGrads = new INDArray[layers];
        activations = new IActivation[layers];
        inputs = new INDArray[layers];
        preOutputs = new INDArray[layers];
        for (int i = 0; i < layers; i++) {
            Layer l = net.getLayer(i);
            NeuralNetConfiguration conf = l.conf();
            weights[i] = l.getParam(DefaultParamInitializer.WEIGHT_KEY);
            biases[i] = l.getParam(DefaultParamInitializer.BIAS_KEY);
            // the same views over the network's gradient array that the layer itself writes into
            Map<String, INDArray> g = conf.getLayer().initializer().getGradientsFromFlattened(conf, l.getGradientsViewArray());
            weightGrads[i] = g.get(DefaultParamInitializer.WEIGHT_KEY);
            biasGrads[i] = g.get(DefaultParamInitializer.BIAS_KEY);
            activations[i] = ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getLayer()).getActivationFn();
        }
        loss = ((org.deeplearning4j.nn.conf.layers.BaseOutputLayer) net.getLayer(layers - 1).conf().getLayer()).getLossFn();
        // keyed as MultiLayerNetwork keys them, last layer first: the output layer names W then b, a dense layer b then W
        gradient = new OwnGradient(gradientArray);
        for (int i = layers - 1; i >= 0; i--) {
            String w = i + "_" + DefaultParamInitializer.WEIGHT_KEY, b = i + "_" + DefaultParamInitializer.BIAS_KEY;
            if (i == layers - 1) {
                gradient.setGradientFor(w, weightGrads[i]);
                gradient.setGradientFor(b, biasGrads[i]);
            } else {
                gradient.setGradientFor(b, biasGrads[i]);
                gradient.setGradientFor(w, weightGrads[i]);
            }
        }
    }

    /** The fast passes of {@code net}, or null when it is not a network they reproduce exactly. */
    public static DenseBackprop of(MultiLayerNetwork net) {
        int n = net.getnLayers();
        if (n < 1 || !net.getListeners().isEmpty() || net.getLayerWiseConfigurations().getInputPreProcessors().size() > 0) return null;
        for (int i = 0; i < n; i++) {
            Layer l = net.getLayer(i);
            if (l.getClass() != (i == n - 1 ? OutputLayer.class : DenseLayer.class)) return null;
            if (l.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType() != DataType.FLOAT) return null;
            var c = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) l.conf().getLayer();
            if (c.getIDropout() != null || c.getWeightNoise() != null || (c.getConstraints() != null && !c.getConstraints().isEmpty())) return null;
            if (l.paramTable().size() != 2 || l.getParam(DefaultParamInitializer.BIAS_KEY) == null) return null;
        }
        return new DenseBackprop(net);
    }

    /** The network's gradient as one vector (the shape of {@code params()}), where {@link #backward} writes. */
    public INDArray gradientVector() {
        return gradientVector;
    }

    /**
     * The training-mode forward pass on {@code x} (rows of inputs), kept for {@link #backward};
     * returns the output layer's activations, valid until the next forward pass (read them
     * before it).
     */
    public INDArray forward(INDArray x) {
        buffers(x.size(0));
        INDArray a = x;
        for (int i = 0; i < layers; i++) {
            inputs[i] = a;
            INDArray z = preOutput(a, i, productBuffers[i], zBuffers[i]);
            preOutputs[i] = z;
            a = activate(i, z, activationBuffers[i]);
        }
        return a;
    }

    /**
     * Layer i's activation of {@code z} into {@code out}, z kept for the backward pass. DL4J's
     * BaseLayer.activate applies the activation in place on its pre-activations; ReLU, leaky ReLU
     * and tanh are the very ops DL4J's activations issue (the same element function), given
     * {@code out} as their result, which saves the copy (an op and a pass) DL4J's order would need.
     * Other activations copy and apply DL4J's own call.
     */
    private INDArray activate(int i, INDArray z, INDArray out) {
        IActivation f = activations[i];
        if (isPlainRelu(f)) {
            Nd4j.getExecutioner().exec(new RectifiedLinear(z, out));
        } else if (f instanceof ActivationLReLU r) {
            Nd4j.getExecutioner().exec(new LeakyReLU(z, out, r.getAlpha()));
        } else if (f instanceof ActivationTanH) {
            Nd4j.getExecutioner().exec(new Tanh(z, out));
        } else {
            return f.getActivation(out.assign(z), true);
        }
        return out;
    }

    /**
     * Layer i's x·W + b into {@code z}, as BaseLayer.preOutputWithPreNorm computes it: DL4J hands
     * {@code mmuli} a 'c' result, for which ND4J allocates an 'f' array, multiplies into it
     * (gemm, or gemv for one output column) and copies it over. Here the 'f' array is {@code
     * product}, kept: the same BLAS call on the same operands, the same copy, bit for bit, without
     * the allocation that costs more than the multiplication on small networks (BENCHMARKS.md),
     * and the copy and the bias add fused into one broadcast add from the 'f' product into z.
     * An input ND4J would treat differently (a view, another order) takes DL4J's own call.
     */
    private INDArray preOutput(INDArray a, int i, INDArray product, INDArray z) {
        if (a.ordering() == 'c' && !a.isView()) {
            a.mmuli(weights[i], product);
            // z = product + b in one pass: the copy and the bias add DL4J makes as two, the same float sums
            Nd4j.getExecutioner().exec(new BroadcastAddOp(product, biases[i], z, 1));
            return z;
        } else {
            a.mmuli(weights[i], z);
        }
        return z.addiRowVector(biases[i]);
    }

    /**
     * The inference pass on {@code x}: {@code net.output(x)}'s values (the same operations),
     * without the workspaces, checks, detaching and allocations that cost DL4J more than the
     * arithmetic on small networks. The answer lives in arrays kept per row count: valid until
     * the next {@code output} on as many rows (read it before). The last {@link #forward} stays
     * as it was.
     */
    public INDArray output(INDArray x) {
        INDArray[][] b = outputBuffers.computeIfAbsent(x.size(0), this::makeBuffers);
        INDArray a = x;
        for (int i = 0; i < layers; i++) a = activations[i].getActivation(preOutput(a, i, b[2][i], b[0][i]), false);
        return a;
    }

    /**
     * The gradient of the loss at {@code labels} for the last {@link #forward}, into the
     * network's gradient view, as {@code computeGradientAndScore} leaves it (without the score).
     */
    public Gradient backward(INDArray labels) {
        INDArray epsilon = null;
        for (int i = layers - 1; i >= 0; i--) {
            INDArray delta = delta(i, epsilon, labels);
            delta.sum(biasGrads[i], 0);
            if (i > 0) epsilon = epsilonNext(i, delta);
            Nd4j.gemm(inputs[i], delta, weightGrads[i], true, false, 1.0, 0.0);
        }
        return gradient;
    }

    /**
     * dL/dx of the last {@link #forward}'s input for the loss at {@code labels}, without parameter
     * gradients: {@code calculateGradients(x, labels, null, null).getSecond()}'s values, valid
     * until the next forward pass.
     */
    public INDArray inputGradient(INDArray labels) {
        INDArray epsilon = null;
        for (int i = layers - 1; i >= 0; i--) epsilon = epsilonNext(i, delta(i, epsilon, labels));
        return epsilon;
    }

    /** dL/dz of layer i: the loss's gradient at the output layer, else the activation's backprop of ε. */
    private INDArray delta(int i, INDArray epsilon, INDArray labels) {
        if (i == layers - 1) return loss.computeGradient(labels, preOutputs[i], activations[i], null);
        if (activations[i] instanceof ActivationTanH) {
            // ε·(1 − a²) from the kept activation a = tanh(z) (the next layer's input): DL4J's
            // tanh derivative recomputes tanh(z), one exp per element, the costliest op of a
            // PPO step
            INDArray a = inputs[i + 1];
            return preOutputs[i].assign(a).muli(a).rsubi(1.0).muli(epsilon);
        }
        if (isPlainRelu(activations[i])) {
            // DL4J's ReLU backprop runs this op into a fresh array (in.ulike()): 256 KB at 256 rows × 256
            // units, a malloc and its page faults per layer per call; the kept z, no longer needed, takes it
            // (as DL4J's own leaky ReLU backprop writes into its input)
            Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(preOutputs[i], epsilon, preOutputs[i], 0.0));
            return preOutputs[i];
        }
        return activations[i].backprop(preOutputs[i], epsilon).getFirst();
    }

    /** ReLU without a cap, threshold or negative slope: DL4J's plain {@code relu}. */
    private static boolean isPlainRelu(IActivation f) {
        return f instanceof ActivationReLU r && r.getMax() == null && r.getThreshold() == null && r.getNegativeSlope() == null;
    }

    /**
     * dL/d(input of layer i) from its δ, as DL4J computes it: W·δᵀ into an 'f' array. DL4J hands
     * on that array's transpose, a view ND4J treats as 'f', so every op on it (ReLU's backprop
     * above all) takes libnd4j's slow path for mixed orders; the same memory read as the 'c'
     * array it is ({@code epsilonRows}) gives the same values to the fast paths.
     */
    private INDArray epsilonNext(int i, INDArray delta) {
        weights[i].mmuli(delta.transpose(), epsilonBuffers[i]);
        return epsilonRows[i];
    }

    /** The training passes' arrays for {@code rows} rows, made once per row count. */
    private void buffers(long rows) {
        if (rows == bufferRows) return;
        INDArray[][] b = buffers.computeIfAbsent(rows, this::makeBuffers);
        zBuffers = b[0];
        activationBuffers = b[1];
        productBuffers = b[2];
        epsilonBuffers = b[3];
        epsilonRows = b[4];
        bufferRows = rows;
    }

    /**
     * Per layer, for {@code rows} rows: x·W + b ('c'), the activations ('c'), the 'f' product
     * {@link #preOutput} multiplies into, dL/d(input) as W·δᵀ ('f', input size × rows) and that
     * memory as the 'c' rows × input size array it also is. Zeroed once: a BLAS call with β = 0
     * need not overwrite what a NaN in fresh memory would otherwise spread.
     */
    private INDArray[][] makeBuffers(long rows) {
        INDArray[][] made = new INDArray[5][layers];
        for (int i = 0; i < layers; i++) {
            DataType t = weights[i].dataType();
            long in = weights[i].size(0), out = weights[i].size(1);
            made[0][i] = Nd4j.create(t, rows, out);
            made[1][i] = Nd4j.create(t, rows, out);
            made[2][i] = Nd4j.create(t, new long[] {rows, out}, 'f');
            made[3][i] = Nd4j.create(t, new long[] {in, rows}, 'f');
            made[4][i] = Nd4j.create(made[3][i].data(), new long[] {rows, in}, new long[] {in, 1}, 0, 'c');
        }
        return made;
    }

    /**
     * The network's optimiser step on the gradient {@link #backward} left, dividing by
     * {@code batchSize} as {@code fit} does (1 for losses that already average), then the
     * parameters move and the iteration count advances.
     */
    public void step(Gradient gradient, int batchSize) {
        int iteration = net.getIterationCount();
        net.getUpdater().update(net, gradient, iteration, net.getEpochCount(), batchSize, LayerWorkspaceMgr.noWorkspaces());
        net.params().subi(gradientVector);
        net.setIterationCount(iteration + 1);
    }

    /**
     * The gradient in the network's own gradient array. DL4J's {@code DefaultGradient} answers a
     * new reshaped view of it on every call, so its updater never recognises the array as the
     * network's and takes its path for gradients from outside, which cuts fresh views of every
     * parameter on every step (a tenth of a small network's step). Same memory, same arithmetic.
     */
    private static final class OwnGradient extends DefaultGradient {
        private final INDArray array;

        OwnGradient(INDArray array) {
            super(array);
            this.array = array;
        }

        @Override
        public INDArray gradient() {
            return array;
        }
    }

    /** {@code net.fit(x, labels)}: forward, backward and a step with the minibatch division. */
    public void fit(INDArray x, INDArray labels) {
        forward(x);
        step(backward(labels), (int) x.size(0));
    }
}
