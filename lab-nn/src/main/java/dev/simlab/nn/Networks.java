package dev.simlab.nn;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** Builds Deeplearning4j networks from a {@link NetworkSpec}. */
public final class Networks {
    private Networks() {}

    /**
     * A multilayer perceptron {@code nIn → hidden… → nOut}, float32, initialised from {@code seed}.
     *
     * @param outputActivation e.g. {@link Activation#IDENTITY} for Q-values, {@link Activation#SIGMOID} for a discriminator
     */
    public static MultiLayerNetwork mlp(NetworkSpec spec, int nIn, int nOut, Activation outputActivation, ILossFunction loss, long seed) {
        Backend.init();
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater(spec))
                .weightInit(init(spec))
                .dataType(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        if (spec.maxGradNorm() > 0) {
            b.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(spec.maxGradNorm());
        }
        NeuralNetConfiguration.ListBuilder list = b.list();
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
