package dev.simlab.dqn;

import dev.simlab.nn.DenseBackprop;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The few operations DQN needs from its Q-network, over the two Deeplearning4j network kinds it
 * uses: a plain MLP ({@link MultiLayerNetwork}) or the dueling graph ({@link ComputationGraph}).
 */
sealed interface QNet {
    INDArray output(INDArray input);

    void fit(INDArray input, INDArray labels);

    /** The network as DL4J's common interface, which serves params, setParams and numParams. */
    Model model();

    default INDArray params() {
        return model().params();
    }

    default void setParams(INDArray params) {
        model().setParams(params);
    }

    default long numParams() {
        return model().numParams();
    }

    /** The optimiser's state (Adam's moments…) as one view, or null for plain SGD. */
    INDArray updaterState();

    int iterationCount();

    int epochCount();

    void setCounts(int iterations, int epochs);

    QNet copy();

    static QNet of(MultiLayerNetwork net) {
        return new Mlp(net, DenseBackprop.of(net));
    }

    static QNet of(ComputationGraph net) {
        return new Graph(net);
    }

    /** {@code dense}: the net's fast passes, bit-identical to its {@code fit} with less work (null: DL4J's fit). */
    record Mlp(MultiLayerNetwork net, DenseBackprop dense) implements QNet {
        public INDArray output(INDArray input) {
            return dense != null ? dense.output(input) : net.output(input);
        }

        public void fit(INDArray input, INDArray labels) {
            if (dense != null) dense.fit(input, labels);
            else net.fit(input, labels);
        }

        public Model model() {
            return net;
        }

        public INDArray updaterState() {
            return net.getUpdater(true).getStateViewArray();
        }

        public int iterationCount() {
            return net.getIterationCount();
        }

        public int epochCount() {
            return net.getEpochCount();
        }

        public void setCounts(int iterations, int epochs) {
            net.setIterationCount(iterations);
            net.setEpochCount(epochs);
        }

        public QNet copy() {
            return QNet.of(net.clone());
        }
    }

    record Graph(ComputationGraph net) implements QNet {
        public INDArray output(INDArray input) {
            return net.outputSingle(input);
        }

        public void fit(INDArray input, INDArray labels) {
            net.fit(new INDArray[] {input}, new INDArray[] {labels});
        }

        public Model model() {
            return net;
        }

        public INDArray updaterState() {
            return net.getUpdater(true).getStateViewArray();
        }

        public int iterationCount() {
            return net.getIterationCount();
        }

        public int epochCount() {
            return net.getEpochCount();
        }

        public void setCounts(int iterations, int epochs) {
            net.getConfiguration().setIterationCount(iterations);
            net.getConfiguration().setEpochCount(epochs);
        }

        public QNet copy() {
            return new Graph(net.clone());
        }
    }
}
