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
    void huberGradientInJavaIsTheBitsOfNd4jsOps() {
        // DQN's gradient is computed in Java (identity output, no mask); a mask of ones takes the ND4J ops it replaces
        java.util.Random r = new java.util.Random(4);
        float[] p = new float[64 * 3], t = new float[64 * 3];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextGaussian() * 2);
            t[i] = (float) (r.nextGaussian() * 2);
        }
        p[5] = t[5] + 1f;
        p[6] = t[6] - 1f;
        INDArray pre = Nd4j.create(p, new int[] {64, 3}, 'c'), labels = Nd4j.create(t, new int[] {64, 3}, 'c');
        var identity = Activation.IDENTITY.getActivationFunction();
        HuberLoss h = new HuberLoss();
        float[] java = Rows.flat(h.computeGradient(labels, pre, identity, null));
        float[] nd4j = Rows.flat(h.computeGradient(labels, pre, identity, Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 64, 3)));
        assertThat(java).containsExactly(nd4j);
        assertThat(java).contains(1f, -1f);
        assertThat(Rows.flat(pre)).containsExactly(p);
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

    @Test
    void convIsParsedWrittenBackAndLeftOutOfMlpSpecs() {
        NetworkSpec s = NetworkSpec.parse(Map.of("conv", List.of(32, 64), "hidden", List.of(128), "activation", "leaky_relu"), DEFAULTS,
                "gan.discriminator");
        assertThat(s.conv()).containsExactly(32, 64);
        assertThat(s.isConv()).isTrue();
        assertThat(s.hidden()).containsExactly(128);
        assertThat(s.toMap()).containsEntry("conv", List.of(32, 64));
        assertThat(NetworkSpec.parse(s.toMap(), DEFAULTS, "gan.discriminator")).isEqualTo(s);
        assertThat(NetworkSpec.KEYS).containsAll(s.toMap().keySet());
        // an MLP spec has no conv and writes exactly the keys it wrote before conv existed
        assertThat(DEFAULTS.conv()).isEmpty();
        assertThat(DEFAULTS.toMap()).doesNotContainKey("conv")
                .containsOnlyKeys("hidden", "activation", "optimizer", "learning_rate", "momentum", "init", "max_grad_norm");
        assertThat(NetworkSpec.parse(DEFAULTS.toMap(), DEFAULTS, "agent.network")).isEqualTo(DEFAULTS);
        assertThat(NetworkSpec.parse(Map.of("conv", List.of()), s, "gan.discriminator").isConv()).isFalse();
    }

    @Test
    void badConvValuesAreNamed() {
        assertThatThrownBy(() -> NetworkSpec.parse(Map.of("conv", List.of(32, 0)), DEFAULTS, "gan.discriminator"))
                .hasMessageContaining("gan.discriminator.conv: 0 channels is out of range [1, 4096]");
        assertThatThrownBy(() -> NetworkSpec.parse(Map.of("conv", List.of(32, "wide")), DEFAULTS, "gan.discriminator"))
                .hasMessageContaining("gan.discriminator.conv: 'wide' is not an integer");
        assertThatThrownBy(() -> NetworkSpec.parse(Map.of("conv", List.of(2.5)), DEFAULTS, "gan.discriminator"))
                .hasMessageContaining("gan.discriminator.conv: '2.5' is not an integer");
        assertThatThrownBy(() -> NetworkSpec.parse(Map.of("conv", 32), DEFAULTS, "gan.discriminator"))
                .hasMessageContaining("gan.discriminator.conv: expected a list of channel counts");
        assertThatThrownBy(() -> NetworkSpec.parse(Map.of("convv", List.of(32)), DEFAULTS, "gan.discriminator"))
                .hasMessageContaining("gan.discriminator.convv: unknown key; did you mean 'conv'?");
        // hidden: [] is a conv net straight from its last conv layer to its output (DCGAN); an MLP needs a hidden layer
        NetworkSpec bare = NetworkSpec.parse(Map.of("conv", List.of(4, 8), "hidden", List.of()), DEFAULTS, "gan.discriminator");
        assertThat(bare.hidden()).isEmpty();
        MultiLayerNetwork bareD = Networks.convClassifier(bare, 8, 8, 1, Activation.IDENTITY, new HuberLoss(), 1, "d");
        assertThat(bareD.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 64)).shape()).containsExactly(3, 1);
        assertThatThrownBy(() -> NetworkSpec.parse(Map.of("hidden", List.of()), DEFAULTS, "agent.network"))
                .hasMessageContaining("agent.network.hidden: expected a list of layer sizes, e.g. [64, 64] ([] only with conv layers)");
        // flat-vector networks refuse conv rather than ignoring it
        NetworkSpec conv = DEFAULTS.withConv(List.of(8));
        assertThatThrownBy(() -> Networks.mlp(conv, 4, 2, Activation.IDENTITY, new HuberLoss(), 1)).hasMessageContaining("conv layers need image input");
        assertThatThrownBy(() -> Dueling.network(conv, 4, 2, new HuberLoss(), 1)).hasMessageContaining("conv layers need image input");
    }

    @Test
    void convNetworksReadAndWriteFlatImages() {
        NetworkSpec spec = new NetworkSpec(List.of(16), "leaky_relu", "adam", 1e-3, 0.9, "he", 10, List.of(4, 8));
        MultiLayerNetwork d = Networks.convClassifier(spec, 8, 8, 3, Activation.SOFTMAX, new org.nd4j.linalg.lossfunctions.impl.LossMCXENT(), 1, "d");
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 64);
        assertThat(d.output(x).shape()).containsExactly(5, 3);
        // 3×3×1×4 + 4, 3×3×4×8 + 8, (2·2·8)×16 + 16, 16×3 + 3
        assertThat(d.numParams()).isEqualTo(40 + 296 + 528 + 51);
        MultiLayerNetwork g = Networks.convGenerator(spec.withConv(List.of(8, 4)), 6, 8, 8, Activation.SIGMOID, new HuberLoss(), 1, "g");
        INDArray z = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 6);
        // dense 6×16 + 16, dense 16×(8·2·2) + 32, batch norm 4·8, deconvolution 8×4×3×3 + 4, batch norm 4·4, deconvolution 4×1×3×3 + 1
        assertThat(g.numParams()).isEqualTo(112 + 544 + 32 + 292 + 16 + 37);
        INDArray img = g.output(z);
        assertThat(img.shape()).containsExactly(5, 64);
        assertThat(img.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(img.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        // same seed, same weights; fit takes labels shaped like the flat images and learns them
        assertThat(Networks.convGenerator(spec.withConv(List.of(8, 4)), 6, 8, 8, Activation.SIGMOID, new HuberLoss(), 1, "g").params()).isEqualTo(g.params());
        float[] bars = new float[5 * 64]; // every image: a vertical bar in columns 2 and 3
        for (int i = 0; i < bars.length; i++) bars[i] = i % 8 == 2 || i % 8 == 3 ? 1 : 0;
        INDArray target = Nd4j.create(bars, new long[] {5, 64}, 'c');
        double before = g.score(new org.nd4j.linalg.dataset.DataSet(z, target));
        for (int i = 0; i < 200; i++) g.fit(z, target);
        assertThat(g.score(new org.nd4j.linalg.dataset.DataSet(z, target))).isLessThan(before / 5);
        // batch norm's running statistics (used by output) followed the batch statistics fit used, clipping or not
        assertThat(g.output(z, false).sub(g.output(z, true)).amaxNumber().doubleValue()).isLessThan(0.05);
        assertThatThrownBy(() -> Networks.convGenerator(spec.withConv(List.of(8, 8, 8, 8)), 6, 8, 8, Activation.SIGMOID, new HuberLoss(), 1,
                "gan.generator")).hasMessageContaining("gan.generator.conv: 4 upsampling layers need an image size divisible by 2^4 = 16")
                .hasMessageContaining("8 × 8");
    }
}
