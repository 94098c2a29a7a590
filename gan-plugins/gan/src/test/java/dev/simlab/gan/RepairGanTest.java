package dev.simlab.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.data.Dataset;
import dev.simlab.core.gan.Gan;
import dev.simlab.core.gan.GanContext;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Params;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.Scene;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inpainting and super-resolution on real Fashion-MNIST (Debian's dataset-fashion-mnist; CI
 * installs it): each learns to beat its baselines on held-out images, the baselines are what
 * they claim, and a checkpoint continues the run exactly.
 */
class RepairGanTest {
    @TempDir
    Path tmp;

    static final String DIR = IdxDatasetTest.DIR.toString();
    static final Map<String, Object> SMALL = Map.of("generator", Map.of("hidden", List.of(256), "learning_rate", 0.001), "test_images", 200L);

    static RepairGan gan(RepairGan.Task task, Dataset data, Map<String, Object> overrides, long seed) {
        Map<String, Object> values = new LinkedHashMap<>((task == RepairGan.Task.INPAINT ? RepairGan.INPAINT_SCHEMA : RepairGan.SUPERRES_SCHEMA)
                .validate(null, Set.of()).asMap());
        values.putAll(SMALL);
        values.putAll(overrides);
        return new RepairGan(task, new GanContext(data, new Rng(seed)), Params.of(values));
    }

    static ImageDataset fashion() {
        return ImageDataset.fashionMnist(DIR, 5000, 200);
    }

    @Test
    void superResolutionLearnsToBeatBicubicOnHeldOutImages() {
        RepairGan sr = gan(RepairGan.Task.SUPERRES, fashion(), Map.of(), 1);
        Map<String, Double> before = sr.evaluate().figures();
        // untrained, the residual is the random network's output added to bicubic: worse than bicubic alone
        assertThat(before.get("psnr")).isLessThan(before.get("psnr_bicubic"));
        for (int i = 0; i < 300; i++) assertThat(sr.trainIteration().get("l1")).isFinite();
        Gan.Evaluation after = sr.evaluate();
        Map<String, Double> f = after.figures();
        assertThat(f.get("psnr")).isGreaterThan(f.get("psnr_bicubic") + 0.5);
        assertThat(f.get("ssim")).isGreaterThan(f.get("ssim_bicubic"));
        // bicubic is blurred: less fine detail than the real images, and than the learned outputs
        assertThat(f.get("detail_bicubic")).isLessThan(0.3).isLessThan(f.get("detail"));
        // the grid: input (enlarged), bicubic, output, truth for 8 held-out images
        assertThat(after.columns()).isEqualTo(4);
        assertThat(after.rows()).isEqualTo(8);
        float[] truth = ImageDataset.fashionMnist(DIR, 10, 8).heldOut() instanceof ImageDataset t ? t.pixels() : null;
        for (int q = 0; q < 784; q++) assertThat(after.grid()[3 * 784 + q]).isEqualTo(truth[q]);
    }

    @Test
    void inpaintingFillsOnlyTheHoleAndBeatsTheMeanImage() {
        RepairGan in = gan(RepairGan.Task.INPAINT, fashion(), Map.of(), 2);
        for (int i = 0; i < 300; i++) in.trainIteration();
        Gan.Evaluation e = in.evaluate();
        Map<String, Double> f = e.figures();
        assertThat(f.get("psnr")).isGreaterThan(f.get("psnr_mean_image") + 3);
        assertThat(f).containsKeys("ssim", "psnr_nearest", "ssim_nearest", "ssim_mean_image");
        // columns: input, mean image, nearest, output, truth; outside the centre 12×12 the output is the input
        assertThat(e.columns()).isEqualTo(5);
        float[] g = e.grid();
        int holes = 0;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                boolean hole = r >= 8 && r < 20 && c >= 8 && c < 20;
                float input = g[r * 28 + c], output = g[3 * 784 + r * 28 + c], truth = g[4 * 784 + r * 28 + c];
                if (hole) {
                    assertThat(input).isEqualTo(0.5f); // shown in mid grey
                    holes++;
                } else {
                    assertThat(output).isEqualTo(truth);
                    assertThat(input).isEqualTo(truth);
                }
            }
        }
        assertThat(holes).isEqualTo(144);
    }

    @Test
    void theNearestBaselineFindsAHeldOutImageThatIsAlsoInTheTrainingSet() {
        // held-out images copied from the training set: the nearest by the visible pixels is the image itself
        ImageDataset train = ImageDataset.fashionMnist(DIR, 2000, 10);
        ImageDataset copy = new ImageDataset(java.util.Arrays.copyOfRange(train.pixels(), 700 * 784, 750 * 784), null, 50, 28, 28, 50);
        train.withHeldOut(copy);
        for (String mask : List.of("center", "blocks")) {
            RepairGan in = gan(RepairGan.Task.INPAINT, train, Map.of("mask", mask, "mask_size", 8L), 3);
            Map<String, Double> f = in.evaluate().figures();
            assertThat(f.get("psnr_nearest")).as(mask).isEqualTo(100); // exact: no error in any hole
            assertThat(f.get("ssim_nearest")).as(mask).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(f.get("psnr_mean_image")).as(mask).isLessThan(30);
        }
    }

    @Test
    void randomBlocksDifferBetweenImagesButEvaluationScoresTheSameHolesEveryTime() {
        RepairGan in = gan(RepairGan.Task.INPAINT, fashion(), Map.of("mask", "blocks", "mask_size", 6L, "blocks", 3L), 4);
        Gan.Evaluation a = in.evaluate();
        for (int i = 0; i < 5; i++) in.trainIteration();
        Gan.Evaluation b = in.evaluate(), c = in.evaluate();
        assertThat(c.figures()).isEqualTo(b.figures());
        assertThat(b.figures().get("psnr_nearest")).isEqualTo(a.figures().get("psnr_nearest"));
        // the inputs' holes (mid grey) are in different places in the first two rows
        float[] g = a.grid();
        int cols = a.columns(), differ = 0;
        for (int q = 0; q < 784; q++) if ((g[q] == 0.5f) != (g[cols * 784 + q] == 0.5f)) differ++;
        assertThat(differ).isGreaterThan(10);
    }

    @Test
    void theAdversarialTermTrainsADiscriminatorBesideTheContentLoss() {
        RepairGan sr = gan(RepairGan.Task.SUPERRES, fashion(), Map.of("adversarial", 0.01, "discriminator", Map.of("hidden", List.of(64))), 5);
        Map<String, Double> m = null;
        for (int i = 0; i < 20; i++) m = sr.trainIteration();
        assertThat(m).containsKeys("l1", "d_loss", "g_adv");
        assertThat(m.get("d_loss")).isFinite().isPositive();
        RepairGan plain = gan(RepairGan.Task.SUPERRES, fashion(), Map.of(), 5);
        assertThat(plain.trainIteration()).containsOnlyKeys("l1");
    }

    @Test
    void aCheckpointContinuesTheRunExactly() throws Exception {
        for (RepairGan.Task task : RepairGan.Task.values()) {
            Map<String, Object> o = Map.of("adversarial", 0.01, "discriminator", Map.of("hidden", List.of(32)), "lr_half_life", 50L);
            RepairGan a = gan(task, fashion(), o, 6);
            for (int i = 0; i < 4; i++) a.trainIteration();
            Path file = tmp.resolve(task + ".ckpt");
            try (CheckpointWriter w = new CheckpointWriter(file)) {
                a.save(w);
            }
            RepairGan b = gan(task, fashion(), o, 77);
            b.restore(new CheckpointReader(file));
            for (int i = 0; i < 3; i++) assertThat(b.trainIteration()).isEqualTo(a.trainIteration());
            assertThat(b.evaluate().figures()).isEqualTo(a.evaluate().figures());
        }
    }

    @Test
    void theViewerShowsInputOutputAndTruthWithoutChangingTheRun() {
        RepairGan a = gan(RepairGan.Task.INPAINT, fashion(), Map.of(), 8), b = gan(RepairGan.Task.INPAINT, fashion(), Map.of(), 8);
        SceneBuilder sb = new SceneBuilder();
        a.describe(sb);
        Scene s = sb.build();
        long images = s.shapes().stream().filter(x -> x instanceof Shape.Image).count();
        assertThat(images).isEqualTo(24);
        assertThat(a.trainIteration()).isEqualTo(b.trainIteration());
    }

    @Test
    void badSetupsGetOneLineNamingTheKey() {
        ImageDataset noTest = ImageDataset.idx(IdxDatasetTest.IMAGES, null, 100);
        assertThatThrownBy(() -> gan(RepairGan.Task.SUPERRES, noTest, Map.of(), 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dataset.id").hasMessageContaining("test_path");
        assertThatThrownBy(() -> gan(RepairGan.Task.SUPERRES, fashion(), Map.of("factor", 3L), 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gan.factor").hasMessageContaining("2, 4, 7, 14");
        assertThatThrownBy(() -> gan(RepairGan.Task.INPAINT, fashion(), Map.of("mask_size", 28L), 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gan.mask_size");
        assertThatThrownBy(() -> gan(RepairGan.Task.INPAINT, GaussianMixture.ring(8, 1, 0.01), Map.of(), 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs images");
        assertThatThrownBy(() -> ImageDataset.fashionMnist("/no/such/folder", 0, 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dataset.dir").hasMessageContaining("dataset-fashion-mnist");
    }
}
