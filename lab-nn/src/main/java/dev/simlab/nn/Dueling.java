package dev.simlab.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The dueling Q-network of Wang et al. (2016): a shared trunk, then a state-value stream V(s) and
 * an advantage stream A(s, a), combined as Q(s, a) = V(s) + A(s, a) − mean_a' A(s, a').
 *
 * <p>Deeplearning4j has no vertex for "subtract the row mean" or "broadcast a column", but both are
 * fixed linear maps, so they are built as dense layers with constant weights that never train
 * (no bias, frozen: gradients pass through them to the streams but never change them): V is broadcast by a 1 × n matrix of ones, A is centred by
 * I − 11ᵀ/n, and an add vertex sums them. Gradients flow through both into the trainable streams
 * exactly as through the formula.
 */
public final class Dueling {
    private Dueling() {}

    public static ComputationGraph network(NetworkSpec spec, int nIn, int actions, ILossFunction loss, long seed) {
        if (spec.isConv()) {
            throw new dev.simlab.core.param.ConfigException("", "conv", "conv layers need image input; the dueling network reads flat vectors of "
                    + nIn + " values (an MLP): remove conv");
        }
        Backend.init();
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(Networks.updater(spec))
                .weightInit(Networks.init(spec))
                .dataType(DataType.FLOAT);
        if (spec.maxGradNorm() > 0) {
            b.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(spec.maxGradNorm());
        }
        ComputationGraphConfiguration.GraphBuilder g = b.graphBuilder().addInputs("in");
        String last = "in";
        int in = nIn;
        for (int i = 0; i < spec.hidden().size(); i++) {
            int units = spec.hidden().get(i);
            g.addLayer("h" + i, new DenseLayer.Builder().nIn(in).nOut(units).activation(Networks.activation(spec.activation())).build(), last);
            last = "h" + i;
            in = units;
        }
        g.addLayer("value", new DenseLayer.Builder().nIn(in).nOut(1).activation(Activation.IDENTITY).build(), last);
        g.addLayer("advantage", new DenseLayer.Builder().nIn(in).nOut(actions).activation(Activation.IDENTITY).build(), last);
        g.addLayer("broadcast", fixed(1, actions), "value");
        g.addLayer("centre", fixed(actions, actions), "advantage");
        g.addVertex("q", new ElementWiseVertex(ElementWiseVertex.Op.Add), "broadcast", "centre");
        g.addLayer("out", new LossLayer.Builder().lossFunction(loss).activation(Activation.IDENTITY).build(), "q");
        g.setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        net.getLayer("broadcast").setParam("W", Nd4j.ones(DataType.FLOAT, 1, actions));
        INDArray centre = Nd4j.eye(actions).castTo(DataType.FLOAT).subi(1.0 / actions);
        net.getLayer("centre").setParam("W", centre);
        return net;
    }

    private static FrozenLayerWithBackprop fixed(int nIn, int nOut) {
        return new FrozenLayerWithBackprop(new DenseLayer.Builder().nIn(nIn).nOut(nOut).hasBias(false).activation(Activation.IDENTITY)
                .updater(new NoOp()).build());
    }
}
