package dev.simlab.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX loader on real Fashion-MNIST files from Debian's dataset-fashion-mnist package. Fails, not
 * skips, without them: CI installs the package (.ci/run).
 */
class IdxDatasetTest {
    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final String IMAGES = DIR.resolve("t10k-images-idx3-ubyte.gz").toString();
    static final String LABELS = DIR.resolve("t10k-labels-idx1-ubyte.gz").toString();

    @TempDir
    Path tmp;

    @Test
    void fashionMnistLoadsScoresAndTrainsAGan() {
        assertThat(DIR.resolve("t10k-images-idx3-ubyte.gz")).as("apt-get install dataset-fashion-mnist (.ci/run does)").exists();
        ImageDataset fashion = ImageDataset.idx(IMAGES, LABELS, 1000);
        assertThat(fashion.size()).isEqualTo(1000);
        assertThat(fashion.shape()).containsExactly(28, 28);
        float min = 1, max = 0;
        for (float p : fashion.pixels()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(1f);
        // the t10k file's first label is 9 (ankle boot), and its classes are balanced
        assertThat(fashion.labels()[0]).isEqualTo(9);
        int[] counts = new int[10];
        for (int l : fashion.labels()) counts[l]++;
        assertThat(Arrays.stream(counts).min().orElseThrow()).isGreaterThan(60);

        float[] real = new float[300 * 784];
        fashion.sample(new Rng(1), 300, real);
        Map<String, Double> s = fashion.score(real, 300);
        assertThat(s.get("knn_precision")).isGreaterThan(0.9);
        assertThat(s.get("classifier_entropy")).isGreaterThan(2.0);
        Map<String, Double> blank = fashion.score(new float[300 * 784], 300);
        assertThat(blank.get("knn_recall")).isLessThan(0.05);

        DeepGan gan = GanPluginTest.gan(fashion, Map.of("noise_dim", 16L), 4);
        for (int i = 0; i < 3; i++) assertThat(gan.trainIteration().get("d_loss")).isFinite();
        float[] x = new float[2 * 784];
        gan.generate(2, x);
        for (float v : x) assertThat(v).isBetween(0f, 1f);
    }

    @Test
    void filesThatAreNotIdxGetAMessageNamingTheKey() throws Exception {
        Path text = tmp.resolve("images.idx");
        Files.writeString(text, "not an idx file at all");
        assertThatThrownBy(() -> ImageDataset.idx(text.toString(), null, 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dataset.path").hasMessageContaining("not an IDX image file");
        Path truncated = tmp.resolve("images.gz");
        byte[] gz = Files.readAllBytes(Path.of(IMAGES));
        Files.write(truncated, Arrays.copyOf(gz, 5000));
        assertThatThrownBy(() -> ImageDataset.idx(truncated.toString(), null, 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dataset.path").hasMessageContaining("cannot read");
        assertThatThrownBy(() -> ImageDataset.idx(tmp.resolve("missing.gz").toString(), null, 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> ImageDataset.idx(IMAGES, IMAGES, 10))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dataset.labels");
    }
}
