package dev.simlab.gan;

import dev.simlab.nn.EpsilonLoss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.nn.NetworkSpec;
import dev.simlab.nn.Networks;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The discriminator's input gradient that trains G (calculateGradients with EpsilonLoss) matches finite differences. */
class InputGradientCheckTest {
    @Test
    void inputGradientMatchesFiniteDifferences() {
        MultiLayerNetwork d = Networks.mlp(new NetworkSpec(List.of(16, 16), "tanh", "adam", 1e-3, 0.9, "xavier", 0), 2, 1,
                Activation.IDENTITY, new EpsilonLoss(), 4);
        float[] x = {0.3f, -0.7f, 1.1f, 0.2f};
        float[] eps = {0.5f, -2f};
        INDArray in = Nd4j.create(x, new long[] {2, 2}, 'c');
        float[] grad = d.calculateGradients(in, Nd4j.create(eps, new long[] {2, 1}, 'c'), null, null).getSecond().dup('c').data().asFloat();
        double h = 1e-2;
        for (int k = 0; k < 4; k++) {
            float[] p = x.clone(), m = x.clone();
            p[k] += h;
            m[k] -= h;
            float[] op = d.output(Nd4j.create(p, new long[] {2, 2}, 'c'), false).data().asFloat();
            float[] om = d.output(Nd4j.create(m, new long[] {2, 2}, 'c'), false).data().asFloat();
            int row = k / 2;
            double fd = eps[row] * (op[row] - om[row]) / (2 * h);
            assertThat((double) grad[k]).as("component %d", k).isCloseTo(fd, within(1e-3 + 1e-2 * Math.abs(fd)));
        }
    }
}
