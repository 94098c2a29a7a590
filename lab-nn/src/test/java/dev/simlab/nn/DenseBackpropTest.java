package dev.simlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The fast passes must train a network exactly as DL4J's own calls do: same parameters, same
 * optimiser state, bit for bit, after many steps, so agents that switch to them keep their
 * results (and their tests' figures).
 */
class DenseBackpropTest {
    private static final NetworkSpec RELU = new NetworkSpec(List.of(64, 32), "relu", "adam", 3e-3, 0.9, "he", 0);
    private static final NetworkSpec TANH_CLIPPED = new NetworkSpec(List.of(48, 48), "tanh", "adam", 1e-2, 0.9, "xavier", 0.5);

    private static INDArray rows(Random r, int n, int cols) {
        float[] v = new float[n * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * 2);
        return Nd4j.create(v, new int[] {n, cols}, 'c');
    }

    private static void assertSameState(MultiLayerNetwork a, MultiLayerNetwork b) {
        assertThat(Rows.flat(b.params())).containsExactly(Rows.flat(a.params()));
        assertThat(Rows.flat(b.getUpdater(true).getStateViewArray())).containsExactly(Rows.flat(a.getUpdater(true).getStateViewArray()));
        assertThat(b.getIterationCount()).isEqualTo(a.getIterationCount());
    }

    private void fitsLikeDl4j(NetworkSpec spec, ILossFunction loss) {
        MultiLayerNetwork dl4j = Networks.mlp(spec, 5, 3, Activation.IDENTITY, loss, 11);
        MultiLayerNetwork fast = Networks.mlp(spec, 5, 3, Activation.IDENTITY, loss, 11);
        DenseBackprop passes = DenseBackprop.of(fast);
        assertThat(passes).isNotNull();
        Random r = new Random(3);
        for (int step = 0; step < 40; step++) {
            INDArray x = rows(r, 64, 5), y = rows(r, 64, 3);
            dl4j.fit(x, y);
            passes.fit(x, y);
        }
        assertSameState(dl4j, fast);
        // and the parameters did move: a test of nothing would pass the comparison too
        assertThat(Rows.flat(fast.params())).isNotEqualTo(Rows.flat(Networks.mlp(spec, 5, 3, Activation.IDENTITY, loss, 11).params()));
    }

    @Test
    void fitIsBitIdenticalToDl4jsFitWithHuberLoss() {
        fitsLikeDl4j(RELU, new HuberLoss());
    }

    @Test
    void fitIsBitIdenticalWithTanhMseAndPerLayerGradientClipping() {
        fitsLikeDl4j(TANH_CLIPPED, new LossMSE());
    }

    @Test
    void fitIsBitIdenticalWithLeakyReluAsTheGansDiscriminatorUsesIt() {
        fitsLikeDl4j(new NetworkSpec(List.of(32, 16), "leaky_relu", "adam", 1e-3, 0.9, "he", 0), new LossMSE());
    }

    /** A minibatch loss (mean over rows of ½(y − t)²) as PPO's and SAC's are. */
    static final class MeanSquare extends MinibatchLoss {
        @Override
        protected double evaluate(double[] labels, double[] outputs, int rows, int cols, double[] grad) {
            double sum = 0;
            for (int i = 0; i < labels.length; i++) {
                double d = outputs[i] - labels[i];
                sum += 0.5 * d * d / rows;
                if (grad != null) grad[i] = d / rows;
            }
            return sum;
        }

        @Override
        public String name() {
            return "mean_square";
        }
    }

    @Test
    void aMinibatchLossStepsAsTrainingDescendDoes() {
        MultiLayerNetwork dl4j = Networks.mlp(TANH_CLIPPED, 4, 2, Activation.IDENTITY, new MeanSquare(), 5);
        MultiLayerNetwork fast = Networks.mlp(TANH_CLIPPED, 4, 2, Activation.IDENTITY, new MeanSquare(), 5);
        DenseBackprop passes = DenseBackprop.of(fast);
        Random r = new Random(9);
        for (int step = 0; step < 30; step++) {
            INDArray x = rows(r, 100, 4), y = rows(r, 100, 2);
            Training.gradient(dl4j, x, y);
            Training.step(dl4j);
            passes.forward(x);
            passes.step(passes.backward(y), 1);
        }
        assertSameState(dl4j, fast);
    }

    @Test
    void inputGradientEqualsCalculateGradients() {
        MultiLayerNetwork net = Networks.mlp(RELU, 6, 1, Activation.IDENTITY, new MeanSquare(), 2);
        DenseBackprop passes = DenseBackprop.of(net);
        Random r = new Random(4);
        INDArray x = rows(r, 256, 6), y = rows(r, 256, 1);
        float[] expected = Rows.flat(net.calculateGradients(x, y, null, null).getSecond());
        passes.forward(x);
        float[] got = Rows.flat(passes.inputGradient(y));
        assertThat(got).containsExactly(expected);
        // and both forward passes give the network's outputs, for many rows and for a few
        assertThat(Rows.flat(passes.forward(x))).containsExactly(Rows.flat(net.output(x)));
        INDArray few = rows(r, 4, 6);
        assertThat(Rows.flat(passes.output(few))).containsExactly(Rows.flat(net.output(few)));
        // a wider output layer multiplies by gemm, not gemv
        MultiLayerNetwork wide = Networks.mlp(RELU, 6, 3, Activation.IDENTITY, new MeanSquare(), 2);
        assertThat(Rows.flat(DenseBackprop.of(wide).output(x))).containsExactly(Rows.flat(wide.output(x)));
    }

    @Test
    void inferenceLeavesTheKeptTrainingPassAlone() {
        MultiLayerNetwork dl4j = Networks.mlp(RELU, 5, 3, Activation.IDENTITY, new HuberLoss(), 7);
        MultiLayerNetwork fast = Networks.mlp(RELU, 5, 3, Activation.IDENTITY, new HuberLoss(), 7);
        DenseBackprop passes = DenseBackprop.of(fast);
        Random r = new Random(8);
        for (int step = 0; step < 10; step++) {
            INDArray x = rows(r, 64, 5), y = rows(r, 64, 3), other = rows(r, 64, 5);
            float[] expected = Rows.flat(dl4j.output(other));
            dl4j.fit(x, y);
            passes.forward(x);
            // an inference call on as many rows between the forward and backward passes
            assertThat(Rows.flat(passes.output(other))).containsExactly(expected);
            passes.step(passes.backward(y), 64);
        }
        assertSameState(dl4j, fast);
    }

    @Test
    void networksItCannotReproduceAreRefused() {
        MultiLayerNetwork dropout = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(8).dropOut(0.5).build())
                .layer(new OutputLayer.Builder().nIn(8).nOut(1).activation(Activation.IDENTITY).lossFunction(new LossMSE()).build())
                .build());
        dropout.init();
        assertThat(DenseBackprop.of(dropout)).isNull();
        MultiLayerNetwork conv = Networks.convClassifier(new NetworkSpec(List.of(16), "relu", "adam", 1e-3, 0.9, "he", 0, List.of(8)),
                8, 8, 10, Activation.SOFTMAX, new org.nd4j.linalg.lossfunctions.impl.LossMCXENT(), 1, "test");
        assertThat(DenseBackprop.of(conv)).isNull();
        assertThat(DenseBackprop.of(Networks.mlp(RELU, 3, 2, Activation.IDENTITY, new HuberLoss(), 1))).isNotNull();
    }
}
