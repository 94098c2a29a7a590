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
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
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
     * The arrays the training passes write into and the ops prepared on them, per row count
     * (DL4J reuses its workspaces likewise; a GAN's discriminator sees two or three row counts).
     */
    private final Map<Long, Pass> passes = new HashMap<>();
    private Pass pass;
    /** The same for {@link #output}, so that inference leaves the kept training pass alone. */
    private final Map<Long, Pass> outputPasses = new HashMap<>();

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
        x = plain(x);
        pass = passes.computeIfAbsent(x.size(0), rows -> new Pass(rows, true));
        INDArray a = x;
        for (int i = 0; i < layers; i++) {
            inputs[i] = a;
            INDArray z = pass.preOutput(i, a);
            preOutputs[i] = z;
            a = pass.activate(i, z);
        }
        return a;
    }

    /**
     * {@code x} as the passes take it: a 'c' array that is no view, as {@link Rows#matrix} makes
     * (every caller's input); anything else is copied into one first.
     */
    private static INDArray plain(INDArray x) {
        return x.ordering() == 'c' && !x.isView() && x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT).dup('c');
    }

    /**
     * The inference pass on {@code x}: {@code net.output(x)}'s values (the same operations),
     * without the workspaces, checks, detaching and allocations that cost DL4J more than the
     * arithmetic on small networks. The answer lives in arrays kept per row count: valid until
     * the next {@code output} on as many rows (read it before). The last {@link #forward} stays
     * as it was.
     */
    public INDArray output(INDArray x) {
        x = plain(x);
        Pass p = outputPasses.computeIfAbsent(x.size(0), rows -> new Pass(rows, false));
        INDArray a = x;
        for (int i = 0; i < layers; i++) a = p.activate(i, p.preOutput(i, a));
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
            pass.biasGradient(i, delta);
            if (i > 0) epsilon = pass.epsilonNext(i, delta);
            pass.weightGradient(i, inputs[i], delta);
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
        for (int i = layers - 1; i >= 0; i--) epsilon = pass.epsilonNext(i, delta(i, epsilon, labels));
        return epsilon;
    }

    /** dL/dz of layer i: the loss's gradient at the output layer, else the activation's backprop of ε. */
    private INDArray delta(int i, INDArray epsilon, INDArray labels) {
        if (i == layers - 1) return loss.computeGradient(labels, preOutputs[i], activations[i], null);
        return pass.backprop(i, epsilon);
    }

    /** ReLU without a cap, threshold or negative slope: DL4J's plain {@code relu}. */
    private static boolean isPlainRelu(IActivation f) {
        return f instanceof ActivationReLU r && r.getMax() == null && r.getThreshold() == null && r.getNegativeSlope() == null;
    }

    /**
     * One row count's arrays and the ND4J ops prepared on them, each issued as DL4J's own layers
     * issue it (the same op, arrays of the same shapes and orders, the same arguments) but built
     * once: a fresh op object and its native context cost more than a small layer's arithmetic
     * ({@link PreparedOp}). Legacy ops (the bias add, activations, the bias gradient's sum) are
     * kept as objects and executed again; custom ops (matrix and element-wise products) keep their
     * native contexts.
     */
    private final class Pass {
        /** Per layer: x·W + b ('c'), the activations ('c'), the 'f' product x·W, dL/d(input) as W·δᵀ ('f') and that memory as 'c' rows. */
        final INDArray[] z, act, product, eps, epsRows;
        /** A training pass (z kept for the backward pass) or an inference pass (activations in place). */
        final boolean training;
        final PreparedOp[] forwardProduct, weightGradient, epsilonProduct, squareOf, timesEpsilon, reluBackprop;
        /** Per layer; an activation without its op here (null) takes DL4J's own call. */
        final Op[] biasAdd, activation, reverseOne;
        /** The bias gradient's column sums, rebuilt when δ is another array (the loss's fresh gradient). */
        final Sum[] biasSum;
        /** The δ each epsilon product's transposed view was made of. */
        final INDArray[] epsilonDelta = new INDArray[layers];

        /** Zeroed once: a BLAS call with β = 0 need not overwrite what a NaN in fresh memory would otherwise spread. */
        Pass(long rows, boolean training) {
            this.training = training;
            z = new INDArray[layers];
            act = new INDArray[layers];
            product = new INDArray[layers];
            eps = new INDArray[layers];
            epsRows = new INDArray[layers];
            forwardProduct = new PreparedOp[layers];
            weightGradient = new PreparedOp[layers];
            epsilonProduct = new PreparedOp[layers];
            squareOf = new PreparedOp[layers];
            timesEpsilon = new PreparedOp[layers];
            biasAdd = new Op[layers];
            activation = new Op[layers];
            reverseOne = new Op[layers];
            reluBackprop = new PreparedOp[layers];
            biasSum = new Sum[layers];
            for (int i = 0; i < layers; i++) {
                DataType t = weights[i].dataType();
                long in = weights[i].size(0), out = weights[i].size(1);
                z[i] = Nd4j.create(t, rows, out);
                act[i] = Nd4j.create(t, rows, out);
                product[i] = Nd4j.create(t, new long[] {rows, out}, 'f');
                eps[i] = Nd4j.create(t, new long[] {in, rows}, 'f');
                epsRows[i] = Nd4j.create(eps[i].data(), new long[] {rows, in}, new long[] {in, 1}, 0, 'c');
                // the input of layer 0 is the caller's array, pointed at per call
                INDArray input = i == 0 ? Nd4j.create(t, rows, in) : act[i - 1];
                forwardProduct[i] = PreparedOp.matmul(input, weights[i], product[i], false, false);
                biasAdd[i] = new BroadcastAddOp(product[i], biases[i], z[i], 1);
                activation[i] = activationOp(activations[i], z[i], training ? act[i] : z[i]);
            }
        }

        /**
         * Layer i's x·W + b into z, as BaseLayer.preOutputWithPreNorm computes it: DL4J hands
         * {@code mmuli} a 'c' result, for which ND4J allocates an 'f' array, multiplies into it
         * (gemm, or gemv for one output column: the same matmul op) and copies it over. Here the
         * 'f' array is kept, and the copy and the bias add are fused into one broadcast add from
         * the 'f' product into z: the same float sums, bit for bit.
         */
        INDArray preOutput(int i, INDArray a) {
            forwardProduct[i].input(0, a).run();
            exec(biasAdd[i]);
            return z[i];
        }

        /**
         * Layer i's activation of z. DL4J's BaseLayer.activate applies the activation in place on
         * its pre-activations; in training z is kept for the backward pass, so ReLU, leaky ReLU and
         * tanh (the very ops DL4J's activations issue, the same element function) write into the
         * activation array instead, which saves the copy DL4J's order would need; inference
         * applies them in place. The identity returns z; other activations take DL4J's own call
         * (on a copy in training).
         */
        INDArray activate(int i, INDArray zi) {
            IActivation f = activations[i];
            if (f instanceof ActivationIdentity) return zi;
            if (activation[i] != null) {
                exec(activation[i]);
                return training ? act[i] : zi;
            }
            return training ? f.getActivation(act[i].assign(zi), true) : f.getActivation(zi, false);
        }

        /** dL/dz of hidden layer i from ε = dL/d(its output), written into the kept z (no longer needed). */
        INDArray backprop(int i, INDArray epsilon) {
            IActivation f = activations[i];
            if (f instanceof ActivationTanH) {
                // ε·(1 − a²) from the kept activation a = tanh(z) (the next layer's input): DL4J's
                // tanh derivative recomputes tanh(z), one exp per element, the costliest op of a
                // PPO step; a·a straight into z rather than a copy of a multiplied by a
                if (squareOf[i] == null) {
                    squareOf[i] = PreparedOp.multiply(act[i], act[i], z[i]);
                    reverseOne[i] = new ScalarReverseSubtraction(z[i], z[i], 1.0);
                    timesEpsilon[i] = PreparedOp.multiply(z[i], epsilon, z[i]);
                }
                squareOf[i].run();
                exec(reverseOne[i]);
                timesEpsilon[i].input(1, epsilon).run();
                return z[i];
            }
            if (isPlainRelu(f)) {
                // DL4J's ReLU backprop runs this op into a fresh array (in.ulike()): 256 KB at 256 rows × 256
                // units, a malloc and its page faults per layer per call; the kept z, no longer needed, takes it
                // (as DL4J's own leaky ReLU backprop writes into its input)
                if (reluBackprop[i] == null) reluBackprop[i] = new PreparedOp(new RectifiedLinearDerivative(z[i], epsilon, z[i], 0.0));
                reluBackprop[i].input(1, epsilon).run();
                return z[i];
            }
            return f.backprop(z[i], epsilon).getFirst();
        }

        /** Σ over rows of δ into the bias gradient ({@code delta.sum(biasGrad, 0)}). */
        void biasGradient(int i, INDArray delta) {
            if (biasSum[i] == null || biasSum[i].x() != delta) biasSum[i] = new Sum(delta, biasGrads[i], false, 0);
            exec(biasSum[i]);
        }

        /** xᵀ·δ into the weight gradient ({@code Nd4j.gemm(x, δ, dW, true, false, 1, 0)}). */
        void weightGradient(int i, INDArray input, INDArray delta) {
            if (weightGradient[i] == null) weightGradient[i] = PreparedOp.matmul(input, delta, weightGrads[i], true, false);
            weightGradient[i].input(0, input).input(1, delta).run();
        }

        /**
         * dL/d(input of layer i) from its δ, as DL4J computes it: W·δᵀ into an 'f' array. DL4J hands
         * on that array's transpose, a view ND4J treats as 'f', so every op on it (ReLU's backprop
         * above all) takes libnd4j's slow path for mixed orders; the same memory read as the 'c'
         * array it is ({@code epsRows}) gives the same values to the fast paths.
         */
        INDArray epsilonNext(int i, INDArray delta) {
            if (epsilonProduct[i] == null || epsilonDelta[i] != delta) {
                if (epsilonProduct[i] == null) epsilonProduct[i] = PreparedOp.matmul(weights[i], delta.transpose(), eps[i], false, false);
                else epsilonProduct[i].input(1, delta.transpose());
                epsilonDelta[i] = delta;
            }
            epsilonProduct[i].run();
            return epsRows[i];
        }
    }

    /** ReLU, leaky ReLU or tanh of z into out as DL4J's activations issue them, or null for other activations. */
    private static Op activationOp(IActivation f, INDArray z, INDArray out) {
        if (isPlainRelu(f)) return new RectifiedLinear(z, out);
        if (f instanceof ActivationLReLU r) return new LeakyReLU(z, out, r.getAlpha());
        if (f instanceof ActivationTanH) return new Tanh(z, out);
        return null;
    }

    private static void exec(Op op) {
        Nd4j.getExecutioner().exec(op);
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
