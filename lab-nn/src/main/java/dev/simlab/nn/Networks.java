package dev.simlab.nn;

import dev.simlab.core.param.ConfigException;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Builds Deeplearning4j networks from a {@link NetworkSpec}: {@link #mlp} for flat vectors,
 * {@link #convClassifier} and {@link #convGenerator} for 1-channel images passed as flat rows of
 * h·w pixels (row-major). All are float32, seeded, with the spec's updater, weight init and
 * per-layer gradient-norm clipping.
 */
public final class Networks {
    private Networks() {}

    private static NeuralNetConfiguration.Builder base(NetworkSpec spec, long seed) {
        Backend.init();
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater(spec))
                .weightInit(init(spec))
                .dataType(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        if (spec.maxGradNorm() > 0) {
            b.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(spec.maxGradNorm());
        }
        return b;
    }

    /**
     * A multilayer perceptron {@code nIn → hidden… → nOut}, float32, initialised from {@code seed}.
     *
     * @param outputActivation e.g. {@link Activation#IDENTITY} for Q-values, {@link Activation#SIGMOID} for a discriminator
     * @throws ConfigException for a spec with {@code conv} layers (those need image input)
     */
    public static MultiLayerNetwork mlp(NetworkSpec spec, int nIn, int nOut, Activation outputActivation, ILossFunction loss, long seed) {
        if (spec.isConv()) {
            throw new ConfigException("", "conv", "conv layers need image input; this network reads flat vectors of " + nIn + " values (an MLP): remove conv");
        }
        NeuralNetConfiguration.ListBuilder list = base(spec, seed).list();
        int in = nIn;
        for (int units : spec.hidden()) {
            list.layer(new DenseLayer.Builder().nIn(in).nOut(units).activation(activation(spec.activation())).build());
            in = units;
        }
        list.layer(new OutputLayer.Builder().lossFunction(loss).nIn(in).nOut(nOut).activation(outputActivation).build());
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * A downsampling conv net for 1-channel {@code h × w} images given as flat rows of h·w pixels:
     * for each {@code conv} entry a 3×3 convolution with stride 2 and "same" padding (the spec's
     * activation; each halves the resolution, rounding up), then the dense {@code hidden} layers,
     * then an output layer of {@code nOut} units, like {@link #mlp}. A discriminator or classifier.
     *
     * @param key the spec's place in the scenario (e.g. {@code gan.discriminator}), for errors
     */
    public static MultiLayerNetwork convClassifier(NetworkSpec spec, int h, int w, int nOut, Activation outputActivation, ILossFunction loss,
                                                   long seed, String key) {
        requireConv(spec, h, w, key);
        NeuralNetConfiguration.ListBuilder list = base(spec, seed).list();
        Activation act = activation(spec.activation());
        int layer = 0;
        for (int channels : spec.conv()) {
            list.layer(layer++, new ConvolutionLayer.Builder(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same)
                    .nOut(channels).activation(act).build());
        }
        for (int units : spec.hidden()) list.layer(layer++, new DenseLayer.Builder().nOut(units).activation(act).build());
        list.layer(layer, new OutputLayer.Builder().lossFunction(loss).nOut(nOut).activation(outputActivation).build());
        // flat rows in, reshaped to [batch, 1, h, w] by a preprocessor that also flattens the input gradient back
        list.setInputType(InputType.convolutionalFlat(h, w, 1));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /**
     * An upsampling conv net producing 1-channel {@code h × w} images as flat rows of h·w pixels
     * from flat inputs of {@code nIn} values (a generator): the dense {@code hidden} layers, a
     * dense layer to {@code conv[0]} maps of h/2<sup>k</sup> × w/2<sup>k</sup> (k = number of
     * {@code conv} entries), then k transposed 3×3 convolutions (Deconvolution2D) with stride 2
     * and "same" padding, each doubling the resolution, through {@code conv[1]}, …,
     * {@code conv[k-1]} channels to 1 channel at h × w ({@code outputActivation}), and a loss
     * layer on the flattened image, so {@code fit(x, labels)} takes labels of shape [batch, h·w].
     * As in DCGAN, the maps of {@code conv[0]}, …, {@code conv[k-1]} channels are batch-normalised
     * (per channel) before the spec's activation: without it such generators collapse to a single
     * image in GAN training. {@code output(x, false)} then uses the running statistics, which
     * are parameters (saved and restored with {@code params()}).
     *
     * @param key the spec's place in the scenario (e.g. {@code gan.generator}), for errors
     * @throws ConfigException unless h and w are divisible by 2<sup>k</sup>
     */
    public static MultiLayerNetwork convGenerator(NetworkSpec spec, int nIn, int h, int w, Activation outputActivation, ILossFunction loss,
                                                  long seed, String key) {
        requireConv(spec, h, w, key);
        List<Integer> conv = spec.conv();
        int k = conv.size(), scale = 1 << Math.min(k, 30);
        if (k > 30 || h % scale != 0 || w % scale != 0) {
            throw new ConfigException("", key + ".conv", k + " upsampling layers need an image size divisible by 2^" + k + " = " + scale
                    + " in both directions; the images are " + h + " × " + w + ": use fewer conv entries");
        }
        int h0 = h / scale, w0 = w / scale;
        NeuralNetConfiguration.ListBuilder list = base(spec, seed).list();
        Activation act = activation(spec.activation());
        int layer = 0;
        for (int units : spec.hidden()) list.layer(layer++, new DenseLayer.Builder().nOut(units).activation(act).build());
        // DCGAN (Radford et al., 2016): batch normalisation before each activation of the generator but its output;
        // without it these generators collapse all samples to one image within a few hundred GAN iterations
        list.layer(layer++, new DenseLayer.Builder().nOut((long) conv.get(0) * h0 * w0).activation(Activation.IDENTITY).build());
        list.inputPreProcessor(layer, new FeedForwardToCnnPreProcessor(h0, w0, conv.get(0)));
        list.layer(layer++, new BatchNormalization.Builder().activation(act).build());
        for (int i = 0; i < k; i++) {
            boolean last = i == k - 1;
            list.layer(layer++, new Deconvolution2D.Builder(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same)
                    .nOut(last ? 1 : conv.get(i + 1)).activation(last ? outputActivation : Activation.IDENTITY).build());
            if (!last) list.layer(layer++, new BatchNormalization.Builder().activation(act).build());
        }
        list.inputPreProcessor(layer, new CnnToFeedForwardPreProcessor(h, w, 1));
        list.layer(layer, new LossLayer.Builder().lossFunction(loss).activation(Activation.IDENTITY).build());
        list.setInputType(InputType.feedForward(nIn));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    private static void requireConv(NetworkSpec spec, int h, int w, String key) {
        if (!spec.isConv()) throw new ConfigException("", key + ".conv", "a conv network needs at least one conv entry, e.g. [32, 64]");
        if (h < 1 || w < 1) throw new ConfigException("", key + ".conv", "conv layers need images; got shape " + h + " × " + w);
    }

    static IUpdater updater(NetworkSpec spec) {
        return switch (spec.optimizer()) {
            case "sgd" -> new Sgd(spec.learningRate());
            case "momentum" -> new Nesterovs(spec.learningRate(), spec.momentum());
            case "rmsprop" -> new RmsProp(spec.learningRate(), spec.momentum() > 0 ? spec.momentum() : RmsProp.DEFAULT_RMSPROP_RMSDECAY, 1e-8);
            default -> new Adam(spec.learningRate());
        };
    }

    static WeightInit init(NetworkSpec spec) {
        return switch (spec.init()) {
            case "xavier" -> WeightInit.XAVIER;
            case "uniform" -> WeightInit.UNIFORM;
            default -> WeightInit.RELU; // He et al. (2015)
        };
    }

    static Activation activation(String name) {
        return switch (name) {
            case "leaky_relu" -> Activation.LEAKYRELU;
            case "elu" -> Activation.ELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            default -> Activation.RELU;
        };
    }
}
