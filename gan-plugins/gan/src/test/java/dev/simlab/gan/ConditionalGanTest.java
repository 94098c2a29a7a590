package dev.simlab.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class-conditional generation ({@code conditional: true}): G reads the class, D has a projection head. */
class ConditionalGanTest {
    @TempDir
    Path tmp;

    static final Map<String, Object> CONDITIONAL = Map.of(
            "conditional", true,
            "generator", Map.of("hidden", List.of(128, 128), "learning_rate", 0.001),
            "discriminator", Map.of("hidden", List.of(128, 128), "activation", "leaky_relu", "learning_rate", 0.001),
            "noise_dim", 16L,
            "batch_size", 64L);

    /** Each class in turn, as the run asks at evaluation. */
    static int[] requested(int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) l[i] = i % 10;
        return l;
    }

    @Test
    void trainedGeneratorDrawsTheDigitItIsAskedFor() {
        ImageDataset digits = ImageDataset.digits();
        DeepGan gan = GanPluginTest.gan(digits, CONDITIONAL, 3);
        assertThat(gan.classes()).isEqualTo(10);
        int n = 500;
        int[] labels = requested(n);
        float[] s = new float[n * 64];
        gan.generate(n, s, labels);
        Map<String, Double> before = digits.score(s, n, labels);
        int iterations = 600;
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) gan.trainIteration();
        double seconds = (System.nanoTime() - t0) / 1e9;
        gan.generate(n, s, labels);
        Map<String, Double> after = digits.score(s, n, labels);
        System.out.printf("conditional GAN on digits, %d iterations in %.1f s: %s -> %s%n", iterations, seconds, before, after);
        // untrained: the classifier reads the requested class about as often as chance (0.1)
        assertThat(before.get("classifier_accuracy")).isLessThan(0.25);
        assertThat(after.get("classifier_accuracy")).isGreaterThan(0.8);
        // an unconditional score of the same samples has no accuracy
        assertThat(digits.score(s, n)).doesNotContainKey("classifier_accuracy").containsKey("classifier_min_class_share");
    }

    @Test
    void conditionalCheckpointRoundTripGeneratesTheSameDigitsAndTrainsTheSame() throws Exception {
        for (Map<String, Object> o : List.of(ConvGanTest.with(CONDITIONAL, Map.of("ema", 0.9)),
                ConvGanTest.with(ConvGanTest.CONV, Map.of("conditional", true, "r1", 1.0)))) {
            DeepGan a = GanPluginTest.gan(ImageDataset.digits(), o, 1);
            for (int i = 0; i < 3; i++) a.trainIteration();
            Path file = tmp.resolve("c.ckpt");
            try (CheckpointWriter w = new CheckpointWriter(file)) {
                a.save(w);
            }
            DeepGan b = GanPluginTest.gan(ImageDataset.digits(), o, 99);
            b.restore(new CheckpointReader(file));
            int[] labels = requested(20);
            float[] sa = new float[20 * 64], sb = new float[20 * 64];
            a.generate(20, sa, labels);
            b.generate(20, sb, labels);
            assertThat(sb).containsExactly(sa);
            Map<String, Double> la = a.trainIteration(), lb = b.trainIteration();
            assertThat(lb).isEqualTo(la);
            assertThat(la.get("d_loss")).isFinite();
        }
    }

    @Test
    void theClassChangesTheSampleAndMisplacedRequestsAreRefused() {
        DeepGan gan = GanPluginTest.gan(ImageDataset.digits(), CONDITIONAL, 4);
        for (int i = 0; i < 50; i++) gan.trainIteration();
        // the same noise (a fresh stream each time: two GANs from one seed) with another class gives another image
        DeepGan twin = GanPluginTest.gan(ImageDataset.digits(), CONDITIONAL, 4);
        for (int i = 0; i < 50; i++) twin.trainIteration();
        float[] zeros = new float[10 * 64], ones = new float[10 * 64];
        gan.generate(10, zeros, new int[10]);
        int[] one = new int[10];
        java.util.Arrays.fill(one, 1);
        twin.generate(10, ones, one);
        assertThat(ones).isNotEqualTo(zeros);
        assertThatThrownBy(() -> gan.generate(1, new float[64], new int[] {10})).hasMessageContaining("class 10 is not one of 0..9");
        DeepGan plain = GanPluginTest.gan(ImageDataset.digits(), Map.of(), 1);
        assertThat(plain.classes()).isZero();
        assertThatThrownBy(() -> plain.generate(1, new float[64], new int[] {0})).hasMessageContaining("not class-conditional");
    }

    @Test
    void theViewerShowsOneRowPerClass() {
        DeepGan gan = GanPluginTest.gan(ImageDataset.digits(), CONDITIONAL, 5);
        for (int i = 0; i < 300; i++) gan.trainIteration();
        dev.simlab.core.scene.SceneBuilder b = new dev.simlab.core.scene.SceneBuilder();
        gan.describe(b);
        List<dev.simlab.core.scene.Shape> generated = b.build().tagged("generated");
        // ten rows of eight: the classes 0..9 from front to back
        assertThat(generated).hasSize(80);
        float[] pixels = new float[80 * 64];
        int[] rows = new int[80];
        for (int i = 0; i < 80; i++) {
            System.arraycopy(((dev.simlab.core.scene.Shape.Image) generated.get(i)).pixels(), 0, pixels, i * 64, 64);
            rows[i] = i / 8;
        }
        assertThat(ImageDataset.digits().score(pixels, 80, rows).get("classifier_accuracy")).isGreaterThan(0.6);
    }

    @Test
    void conditionalNeedsLabelsAndAnUnpackedDiscriminator() {
        assertThatThrownBy(() -> GanPluginTest.gan(GaussianMixture.ring(8, 1, 0.1), Map.of("conditional", true), 1))
                .hasMessageContaining("gan.conditional: conditional generation needs a labelled dataset");
        assertThatThrownBy(() -> GanPluginTest.gan(ImageDataset.digits(), ConvGanTest.with(CONDITIONAL, Map.of("pack", 2L)), 1))
                .hasMessageContaining("gan.pack: pack 2");
    }
}
