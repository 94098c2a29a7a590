package dev.simlab.gan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.data.Dataset;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Watching a GAN must not change it: {@link DeepGan#describe} draws its samples from a generator
 * of its own, never from the streams training and evaluation draw from, and changes no weights
 * or counters. Two GANs with the same seed, one described after every iteration, must train and
 * generate exactly alike.
 */
class DescribeIsPureTest {
    @Test
    void describingA2dGanEveryIterationChangesNeitherItsTrainingNorItsEvaluationSamples() {
        // ema: generate copies the average into its own network; standardize: describe maps the D-surface grid
        watchedAndQuietAgree(GaussianMixture.ring(8, 1, 0.01), Map.of("ema", 0.9, "standardize", true), 30);
        watchedAndQuietAgree(GaussianMixture.ring(8, 1, 0.01), Map.of("loss", "wgan-gp", "pack", 2L), 20);
    }

    @Test
    void describingAConvDigitsGanEveryIterationChangesNothing() {
        // a conv generator has batch normalisation, whose running statistics only a training pass may move
        Map<String, Object> o = new java.util.LinkedHashMap<>(ConvGanTest.CONV);
        o.put("ema", 0.9);
        watchedAndQuietAgree(ImageDataset.digits(), o, 10);
    }

    @Test
    void theViewShowsTheSameNoiseEveryFrameSoItIsStable() {
        DeepGan gan = GanPluginTest.gan(GaussianMixture.ring(8, 1, 0.01), Map.of(), 4);
        float[] first = points(gan), second = points(gan);
        assertThat(second).containsExactly(first);
    }

    private static float[] points(DeepGan gan) {
        SceneBuilder b = new SceneBuilder();
        gan.describe(b);
        List<Shape> generated = b.build().tagged("generated");
        assertThat(generated).hasSize(1);
        return ((Shape.Points) generated.get(0)).xyz();
    }

    private static void watchedAndQuietAgree(Dataset data, Map<String, Object> options, int iterations) {
        DeepGan quiet = GanPluginTest.gan(data, options, 7), watched = GanPluginTest.gan(data, options, 7);
        watched.describe(new SceneBuilder()); // the viewer may ask before the first iteration
        for (int i = 0; i < iterations; i++) {
            Map<String, Double> lq = quiet.trainIteration();
            watched.describe(new SceneBuilder());
            Map<String, Double> lw = watched.trainIteration();
            assertThat(lw).as("losses of iteration " + i).isEqualTo(lq);
            watched.describe(new SceneBuilder());
        }
        int n = 300;
        float[] sq = new float[n * data.dimension()], sw = new float[n * data.dimension()];
        quiet.generate(n, sq);
        watched.generate(n, sw);
        assertThat(sw).as("evaluation samples").containsExactly(sq);
        assertThat(watched.generatorParams()).as("generator params").containsExactly(quiet.generatorParams());
        assertThat(watched.discriminatorParams()).as("discriminator params").containsExactly(quiet.discriminatorParams());
        // and training goes on alike
        assertThat(watched.trainIteration()).isEqualTo(quiet.trainIteration());
    }
}
