package dev.simlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworksTest {
    static final NetworkSpec DEFAULTS = new NetworkSpec(List.of(32, 32), "relu", "adam", 0.01, 0.9, "he", 10);

    @Test
    void aSpecBuildsANetworkThatLearnsARegression() {
        MultiLayerNetwork net = Networks.mlp(DEFAULTS, 2, 1, Activation.IDENTITY, new HuberLoss(), 1);
        assertThat(net.getnLayers()).isEqualTo(3);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 256, 2).subi(0.5).muli(4);
        INDArray y = x.getColumn(0).mul(x.getColumn(1)).reshape(256, 1);
        double before = net.score(new org.nd4j.linalg.dataset.DataSet(x, y));
        for (int i = 0; i < 300; i++) net.fit(x, y);
        double after = net.score(new org.nd4j.linalg.dataset.DataSet(x, y));
        assertThat(after).isLessThan(before / 5);
    }

    @Test
    void sameSeedSameInitialWeights() {
        MultiLayerNetwork a = Networks.mlp(DEFAULTS, 4, 2, Activation.IDENTITY, new HuberLoss(), 7);
        MultiLayerNetwork b = Networks.mlp(DEFAULTS, 4, 2, Activation.IDENTITY, new HuberLoss(), 7);
        assertThat(a.params()).isEqualTo(b.params());
    }

    @Test
    void huberIsQuadraticNearZeroAndLinearFarAway() {
        HuberLoss h = new HuberLoss();
        INDArray labels = Nd4j.createFromArray(new float[][] {{0f, 0f}});
        INDArray pre = Nd4j.createFromArray(new float[][] {{0.5f, 3f}});
        var identity = Activation.IDENTITY.getActivationFunction();
        assertThat(h.computeScore(labels, pre, identity, null, false)).isCloseTo(0.125 + 2.5, org.assertj.core.data.Offset.offset(1e-6));
        INDArray g = h.computeGradient(labels, pre, identity, null);
        assertThat(g.getDouble(0, 0)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(g.getDouble(0, 1)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void specParsingNamesBadKeys() {
        NetworkSpec s = NetworkSpec.parse(Map.of("hidden", List.of(8), "optimizer", "rmsprop"), DEFAULTS, "agent.network");
        assertThat(s.hidden()).containsExactly(8);
        assertThat(s.optimizer()).isEqualTo("rmsprop");
        assertThat(s.learningRate()).isEqualTo(0.01);
        assertThatThrownBy(() -> NetworkSpec.parse(Map.of("activaton", "relu"), DEFAULTS, "agent.network"))
                .hasMessageContaining("agent.network.activaton: unknown key; did you mean 'activation'?");
        assertThatThrownBy(() -> NetworkSpec.parse(Map.of("activation", "swish"), DEFAULTS, "agent.network"))
                .hasMessageContaining("agent.network.activation: 'swish' is not valid");
    }
}
