package dev.simlab.gan;

import dev.simlab.nn.EpsilonLoss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.rng.Rng;
import dev.simlab.nn.NetworkSpec;
import dev.simlab.nn.Networks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conv generator and discriminator (NetworkSpec {@code conv}) on 8×8 images. */
class ConvGanTest {
    @TempDir
    Path tmp;

    /** Small conv nets for the 8×8 digits: D 8×8 → 4×4×8 → 2×2×16 → 32 → 1, G 16 → 32 → 2×2×16 → 4×4×8 → 8×8. */
    static final Map<String, Object> CONV = Map.of(
            "generator", Map.of("conv", List.of(16, 8), "hidden", List.of(32), "learning_rate", 0.002),
            "discriminator", Map.of("conv", List.of(8, 16), "hidden", List.of(32), "activation", "leaky_relu", "learning_rate", 0.002),
            "noise_dim", 16L,
            "batch_size", 32L);

    static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(base);
        m.putAll(more);
        return m;
    }

    @Test
    void convDiscriminatorInputGradientMatchesFiniteDifferences() {
        NetworkSpec spec = new NetworkSpec(List.of(16), "tanh", "adam", 1e-3, 0.9, "xavier", 0, List.of(4, 8));
        MultiLayerNetwork d = Networks.convClassifier(spec, 8, 8, 1, Activation.IDENTITY, new EpsilonLoss(), 4, "gan.discriminator");
        int n = 2, dim = 64;
        float[] x = new float[n * dim];
        Rng r = new Rng(11);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        float[] eps = {0.5f, -2f};
        INDArray grad = d.calculateGradients(Nd4j.create(x, new long[] {n, dim}, 'c'), Nd4j.create(eps, new long[] {n, 1}, 'c'), null, null).getSecond();
        // the preprocessor backpropagates to the flat input G is fitted on: [batch, h·w], no reshape needed
        assertThat(grad.shape()).containsExactly(n, dim);
        float[] g = grad.dup('c').data().asFloat();
        double h = 1e-2, norm = 0;
        for (int k = 0; k < n * dim; k++) {
            float[] p = x.clone(), m = x.clone();
            p[k] += h;
            m[k] -= h;
            float[] op = d.output(Nd4j.create(p, new long[] {n, dim}, 'c'), false).data().asFloat();
            float[] om = d.output(Nd4j.create(m, new long[] {n, dim}, 'c'), false).data().asFloat();
            int row = k / dim;
            double fd = eps[row] * (op[row] - om[row]) / (2 * h);
            assertThat((double) g[k]).as("component %d", k).isCloseTo(fd, within(1e-3 + 1e-2 * Math.abs(fd)));
            norm += fd * fd;
        }
        assertThat(norm).isGreaterThan(1e-6); // not trivially zero
    }

    @Test
    void convCheckpointRoundTripGeneratesTheSameDigitsAndTrainsTheSame() throws Exception {
        for (String loss : List.of("minimax", "wgan-gp")) {
            Map<String, Object> o = with(CONV, Map.of("loss", loss, "ema", 0.9));
            DeepGan a = GanPluginTest.gan(ImageDataset.digits(), o, 1);
            for (int i = 0; i < 3; i++) a.trainIteration();
            Path file = tmp.resolve(loss + ".ckpt");
            try (CheckpointWriter w = new CheckpointWriter(file)) {
                a.save(w);
            }
            DeepGan b = GanPluginTest.gan(ImageDataset.digits(), o, 99);
            b.restore(new CheckpointReader(file));
            float[] sa = new float[20 * 64], sb = new float[20 * 64];
            a.generate(20, sa);
            b.generate(20, sb);
            assertThat(sb).containsExactly(sa);
            for (float v : sa) assertThat(v).isBetween(0f, 1f);
            Map<String, Double> la = a.trainIteration(), lb = b.trainIteration();
            assertThat(lb).isEqualTo(la);
            assertThat(la.get("d_loss")).isFinite();
            a.generate(20, sa);
            b.generate(20, sb);
            assertThat(sb).containsExactly(sa);
        }
    }

    @Test
    void shortConvTrainingMakesDigitsOfManyClassesNearRealOnes() {
        ImageDataset digits = ImageDataset.digits();
        DeepGan gan = GanPluginTest.gan(digits, with(CONV, Map.of("ema", 0.99)), 5);
        int n = 500;
        float[] s = new float[n * 64];
        gan.generate(n, s);
        Map<String, Double> before = digits.score(s, n);
        long t0 = System.nanoTime();
        int iterations = 300;
        for (int i = 0; i < iterations; i++) gan.trainIteration();
        double seconds = (System.nanoTime() - t0) / 1e9;
        gan.generate(n, s);
        Map<String, Double> after = digits.score(s, n);
        System.out.printf("conv GAN on digits, %d iterations in %.1f s (%.0f it/s): %s -> %s%n", iterations, seconds, iterations / seconds, before, after);
        // untrained: near-identical grey images, nearly all one class, none near a real digit; after 300 iterations
        // (measured: entropy 0.43 -> 1.86 nats, k-NN precision 0 -> 0.096; seeds 6 and 7 alike)
        assertThat(before.get("knn_precision")).isLessThan(0.01);
        assertThat(after.get("classifier_entropy")).isGreaterThan(Math.max(1.5, before.get("classifier_entropy") + 1));
        assertThat(after.get("knn_precision")).isGreaterThan(0.05);
    }

    @Test
    void convNeedsImagesAndAnUnpackedDiscriminator() {
        GaussianMixture ring = GaussianMixture.ring(8, 1, 0.1);
        assertThatThrownBy(() -> GanPluginTest.gan(ring, Map.of("generator", Map.of("conv", List.of(8), "hidden", List.of(16))), 1))
                .hasMessageContaining("gan.generator.conv: conv layers need image data");
        assertThatThrownBy(() -> GanPluginTest.gan(ring, Map.of("discriminator", Map.of("conv", List.of(8), "hidden", List.of(16))), 1))
                .hasMessageContaining("gan.discriminator.conv: conv layers need image data");
        assertThatThrownBy(() -> GanPluginTest.gan(ImageDataset.digits(), with(CONV, Map.of("pack", 2L)), 1))
                .hasMessageContaining("gan.pack: pack 2")
                .hasMessageContaining("conv discriminator");
        assertThatThrownBy(() -> GanPluginTest.gan(ImageDataset.digits(),
                with(CONV, Map.of("generator", Map.of("conv", List.of(8, 8, 8, 8), "hidden", List.of(16)))), 1))
                .hasMessageContaining("gan.generator.conv: 4 upsampling layers need an image size divisible by 2^4 = 16")
                .hasMessageContaining("8 × 8");
        // a conv generator with an MLP discriminator (and packing) is fine
        DeepGan mixed = GanPluginTest.gan(ImageDataset.digits(), Map.of("generator", CONV.get("generator"), "noise_dim", 16L, "pack", 2L,
                "batch_size", 16L), 1);
        assertThat(mixed.trainIteration().get("d_loss")).isFinite();
    }
}
