package dev.simlab.gan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.rng.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cached Fashion-MNIST scoring classifier (Debian's dataset-fashion-mnist, all 60,000 training
 * images) and the Fréchet distance in its features: real images score near the real floor,
 * blank or noisy ones far from it.
 */
class ScoringClassifierTest {
    @TempDir
    Path cache;

    @BeforeEach
    void ownCache() {
        System.setProperty("simlab.cache", cache.toString());
    }

    @AfterEach
    void noCache() {
        System.clearProperty("simlab.cache");
    }

    @Test
    void trainedOnceCachedWithItsSeedAndAccuracyThenReadBack() throws Exception {
        ImageDataset fashion = ImageDataset.fashionMnist(RepairGanTest.DIR, 0, 0);
        ImageDataset test = (ImageDataset) fashion.heldOut();
        ScoringClassifier a = ScoringClassifier.of(fashion, test);
        // an MLP on Fashion-MNIST reaches about 88% on the test set
        assertThat(a.testAccuracy()).isGreaterThan(0.85);
        assertThat(a.file()).exists().hasParent(cache.resolve("classifiers"));
        String meta = Files.readString(Path.of(a.file().toString().replace(".bin", ".json")));
        assertThat(meta).contains("\"seed\": 12345").contains("\"training_images\": 60000").contains("\"held_out_accuracy\": 0.8");
        long t0 = System.nanoTime();
        ScoringClassifier b = ScoringClassifier.of(fashion, test);
        assertThat((System.nanoTime() - t0) / 1e9).as("read from the cache, not trained again").isLessThan(5);
        float[] some = java.util.Arrays.copyOf(test.pixels(), 20 * 784);
        assertThat(b.probabilities(some, 20)).containsExactly(a.probabilities(some, 20));
        assertThat(b.testAccuracy()).isEqualTo(a.testAccuracy());
        // another training set is another file
        assertThat(ScoringClassifier.fingerprint(ImageDataset.fashionMnist(RepairGanTest.DIR, 30000, 10))).isNotEqualTo(ScoringClassifier.fingerprint(fashion));

        // the scores of a fashion-mnist dataset use it: real images near the floor, blank ones far
        Map<String, Double> real = fashion.score(java.util.Arrays.copyOf(fashion.pixels(), 2000 * 784), 2000);
        assertThat(real).containsKeys("fd", "fd_real", "classifier_confidence", "classifier_confidence_real", "knn_precision");
        // the held-out images' confidence: the reference a generator that matched the data would score
        assertThat(real.get("classifier_confidence_real")).isBetween(0.8, 1.0);
        assertThat(real.get("fd")).isLessThan(3 * real.get("fd_real") + 1e-3);
        float[] noise = new float[2000 * 784];
        Rng r = new Rng(1);
        for (int i = 0; i < noise.length; i++) noise[i] = (float) r.nextDouble();
        Map<String, Double> bad = fashion.score(noise, 2000);
        assertThat(bad.get("fd")).isGreaterThan(20 * real.get("fd"));
        assertThat(bad.get("fd_real")).isEqualTo(real.get("fd_real"));
        assertThat(bad.get("classifier_confidence_real")).isEqualTo(real.get("classifier_confidence_real"));
    }
}
