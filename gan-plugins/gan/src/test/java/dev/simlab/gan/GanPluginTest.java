package dev.simlab.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.data.Dataset;
import dev.simlab.core.gan.GanContext;
import dev.simlab.core.gan.ModeCoverage;
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

class GanPluginTest {
    @TempDir
    Path tmp;

    static final Map<String, Object> SMALL = Map.of(
            "generator", Map.of("hidden", List.of(64, 64), "learning_rate", 0.002),
            "discriminator", Map.of("hidden", List.of(64, 64), "learning_rate", 0.002),
            "batch_size", 128L);

    static DeepGan gan(Dataset data, Map<String, Object> overrides, long seed) {
        Map<String, Object> values = new LinkedHashMap<>(GanHyperparameters.SCHEMA.validate(null, Set.of()).asMap());
        values.putAll(SMALL);
        values.putAll(overrides);
        return new DeepGan(new GanContext(data, new Rng(seed)), GanHyperparameters.from(Params.of(values)));
    }

    @Test
    void ringAndGridHaveThePublishedModesAndSpread() {
        GaussianMixture ring = GaussianMixture.ring(8, 1, 0.01);
        float[] m = ring.modes();
        assertThat(m).hasSize(16);
        for (int k = 0; k < 8; k++) assertThat(Math.hypot(m[2 * k], m[2 * k + 1])).isCloseTo(1, within(1e-6));
        int n = 16_000;
        float[] s = new float[2 * n];
        ring.sample(new Rng(1), n, s);
        ModeCoverage c = ModeCoverage.of(s, n, 2, m, 0.01);
        assertThat(c.modesCovered()).isEqualTo(8);
        assertThat(c.highQuality()).isGreaterThan(0.98); // P(both coordinates within 3σ) ≈ 0.995, and the disc is tighter
        for (int count : c.counts()) assertThat(count / (double) (n * c.highQuality())).isCloseTo(1 / 8.0, within(0.01));
        // per-coordinate standard deviation around the assigned mode is σ
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 8; k++) best = Math.min(best, Math.pow(s[2 * i] - m[2 * k], 2) + Math.pow(s[2 * i + 1] - m[2 * k + 1], 2));
            ss += best;
        }
        assertThat(Math.sqrt(ss / (2 * n))).isCloseTo(0.01, within(0.0005));

        float[] g = GaussianMixture.grid(5, 2, 0.05).modes();
        assertThat(g).hasSize(50);
        assertThat(g[0]).isEqualTo(-4f);
        assertThat(g[49]).isEqualTo(4f);
    }

    @Test
    void shortTrainingOnARingCoversMoreModesThanTheUntrainedGenerator() {
        GaussianMixture ring = GaussianMixture.ring(8, 1, 0.1);
        DeepGan gan = gan(ring, Map.of("generator", Map.of("hidden", List.of(64, 64), "learning_rate", 0.001),
                "discriminator", Map.of("hidden", List.of(64, 64), "learning_rate", 0.001)), 3);
        int n = 2500;
        float[] s = new float[2 * n];
        gan.generate(n, s);
        ModeCoverage before = ModeCoverage.of(s, n, 2, ring.modes(), 0.1);
        for (int i = 0; i < 500; i++) gan.trainIteration();
        gan.generate(n, s);
        ModeCoverage after = ModeCoverage.of(s, n, 2, ring.modes(), 0.1);
        System.out.println("ring σ 0.1, 500 iterations: modes " + before.modesCovered() + " -> " + after.modesCovered()
                + ", high quality " + before.highQuality() + " -> " + after.highQuality());
        assertThat(after.modesCovered()).isGreaterThan(before.modesCovered());
        assertThat(after.highQuality()).isGreaterThan(before.highQuality());
    }

    @Test
    void restoredCheckpointGeneratesTheSameSamplesAndTrainsTheSame() throws Exception {
        for (String loss : List.of("minimax", "wgan-gp", "minimax-r1")) {
            GaussianMixture grid = GaussianMixture.grid(5, 2, 0.05);
            Map<String, Object> o = loss.endsWith("-r1")
                    ? Map.of("loss", "minimax", "pack", 2L, "ema", 0.9, "r1", 1.0, "standardize", true)
                    : Map.of("loss", loss, "pack", 2L, "ema", 0.9);
            DeepGan a = gan(grid, o, 1);
            for (int i = 0; i < 5; i++) a.trainIteration();
            Path file = tmp.resolve(loss + ".ckpt");
            try (CheckpointWriter w = new CheckpointWriter(file)) {
                a.save(w);
            }
            DeepGan b = gan(grid, o, 99);
            b.restore(new CheckpointReader(file));
            float[] sa = new float[200], sb = new float[200];
            a.generate(100, sa);
            b.generate(100, sb);
            assertThat(sb).containsExactly(sa);
            Map<String, Double> la = a.trainIteration(), lb = b.trainIteration();
            assertThat(lb).isEqualTo(la);
            assertThat(la.get("d_loss")).isFinite();
        }
    }

    /** Mean of a loss-dictionary entry over iterations {@code from} … {@code to} − 1 of training. */
    private static double meanMetric(DeepGan gan, String key, int from, int to) {
        double sum = 0;
        for (int i = 0; i < to; i++) {
            Map<String, Double> m = gan.trainIteration();
            if (i >= from) sum += m.get(key);
        }
        return sum / (to - from);
    }

    @Test
    void gradientPenaltiesPullTheDiscriminatorsInputGradientWhereTheyAim() {
        GaussianMixture grid = GaussianMixture.grid(5, 2, 0.05);
        // R1: (γ/2)‖∇ₓD‖² on real inputs pulls the gradient there toward 0
        double r1Tiny = meanMetric(gan(grid, Map.of("r1", 1e-6), 5), "grad_norm_sq", 100, 150);
        double r1 = meanMetric(gan(grid, Map.of("r1", 10.0), 5), "grad_norm_sq", 100, 150);
        // WGAN-GP: (‖∇ₓD‖ − 1)² on interpolates pulls it toward 1
        double gpOff = meanMetric(gan(grid, Map.of("loss", "wgan-gp", "gp_weight", 0.0), 5), "gp", 100, 150);
        double gp = meanMetric(gan(grid, Map.of("loss", "wgan-gp", "gp_weight", 10.0), 5), "gp", 100, 150);
        System.out.printf("mean ‖∇D(real)‖²: r1 1e-6 %.4g, r1 10 %.4g; mean (‖∇D(x̂)‖ − 1)²: gp 0 %.4g, gp 10 %.4g%n", r1Tiny, r1, gpOff, gp);
        assertThat(r1).isLessThan(r1Tiny / 10);
        assertThat(gp).isLessThan(gpOff / 10);
    }

    @Test
    void learningRatesHalveEveryHalfLifeAndResumeWhereTheyWere() throws Exception {
        GaussianMixture ring = GaussianMixture.ring(8, 1, 0.01);
        Map<String, Object> o = Map.of("lr_half_life", 40L, "critic_steps", 2L);
        DeepGan a = gan(ring, o, 3);
        Map<String, Double> m = Map.of();
        for (int i = 0; i < 80; i++) m = a.trainIteration();
        // SMALL's 0.002 for both networks; two half-lives later a quarter of it, for D too (2 fits per iteration)
        assertThat(m.get("lr_g")).isCloseTo(0.0005, within(0.00002));
        assertThat(m.get("lr_d")).isCloseTo(0.0005, within(0.00002));
        Path file = tmp.resolve("lr.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(file)) {
            a.save(w);
        }
        DeepGan b = gan(ring, o, 99);
        b.restore(new CheckpointReader(file));
        assertThat(b.trainIteration()).isEqualTo(a.trainIteration());
        assertThatThrownBy(() -> gan(ring, Map.of("lr_half_life", 40L, "generator", Map.of("optimizer", "sgd")), 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gan.lr_half_life");
    }

    @Test
    void standardizedDataIsScaledBackAndMisplacedOptionsAreRefused() {
        GaussianMixture grid = GaussianMixture.grid(5, 2, 0.05);
        // the untrained generators agree up to the standardisation: same seed, same network outputs
        float[] plain = new float[2 * 500], scaled = new float[2 * 500];
        gan(grid, Map.of(), 8).generate(500, plain);
        gan(grid, Map.of("standardize", true), 8).generate(500, scaled);
        double sd = Math.sqrt(8); // each coordinate of the grid: means {−4, −2, 0, 2, 4} → variance 8 (+ σ² = 0.0025)
        for (int i = 0; i < plain.length; i++) assertThat((double) scaled[i]).isCloseTo(plain[i] * sd, within(0.02 + 0.01 * Math.abs(plain[i] * sd)));
        assertThatThrownBy(() -> gan(ImageDataset.digits(), Map.of("standardize", true), 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gan.standardize");
        assertThatThrownBy(() -> gan(grid, Map.of("loss", "wgan-gp", "r1", 1.0), 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gan.r1");
    }

    /** Most modes, then most high quality: the order keep_best ranks generators by. */
    private static boolean atLeastAsGood(double modesA, double hqA, double modesB, double hqB) {
        return modesA > modesB || (modesA == modesB && hqA >= hqB);
    }

    @Test
    void keepBestEndsOnTheBestScoredGeneratorWithoutChangingTraining() {
        GaussianMixture grid = GaussianMixture.grid(5, 2, 0.05);
        Map<String, Object> o = Map.of("pack", 2L, "ema", 0.9, "standardize", true);
        Map<String, Object> keep = new LinkedHashMap<>(o);
        keep.put("keep_best", 20L);
        DeepGan kept = gan(grid, keep, 4), plain = gan(grid, o, 4);
        for (int i = 0; i < 100; i++) assertThat(kept.trainIteration()).isEqualTo(plain.trainIteration());
        // selecting draws from no stream training uses: both trained the same networks
        assertThat(kept.discriminatorParams()).containsExactly(plain.discriminatorParams());
        assertThat(kept.generatorParams()).containsExactly(plain.generatorParams());
        assertThat(plain.finish()).isEmpty();

        Map<String, Double> f = kept.finish();
        long at = Math.round(f.get("kept_iteration"));
        assertThat(at % 20).isZero();
        assertThat(at).isBetween(20L, 100L);
        assertThat(atLeastAsGood(f.get("kept_select_modes"), f.get("kept_select_high_quality"),
                f.get("final_select_modes"), f.get("final_select_high_quality"))).isTrue();
        // after finish it generates with the generator of the kept iteration: a twin trained that far draws the same samples
        DeepGan twin = gan(grid, o, 4);
        for (long i = 0; i < at; i++) twin.trainIteration();
        float[] a = new float[2 * 300], b = new float[2 * 300];
        kept.generate(300, a);
        twin.generate(300, b);
        assertThat(a).containsExactly(b);
        assertThatThrownBy(() -> gan(ImageDataset.digits(), Map.of("keep_best", 10L), 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gan.keep_best");
    }

    @Test
    void truncationNarrowsWhatIsGeneratedAndLeavesTrainingAlone() {
        GaussianMixture ring = GaussianMixture.ring(8, 1, 0.01);
        DeepGan cut = gan(ring, Map.of("truncation", 0.5), 3), plain = gan(ring, Map.of(), 3);
        for (int i = 0; i < 60; i++) assertThat(cut.trainIteration()).isEqualTo(plain.trainIteration());
        assertThat(cut.generatorParams()).containsExactly(plain.generatorParams());
        int n = 2000;
        float[] a = new float[2 * n], b = new float[2 * n];
        cut.generate(n, a);
        plain.generate(n, b);
        // the same generator on noise within ±0.5 (a third of the normal's mass) draws a tighter cloud
        assertThat(spread(a)).isLessThan(0.7 * spread(b));
        assertThatThrownBy(() -> gan(ring, Map.of("truncation", 0.1), 3))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gan.truncation");
    }

    @Test
    void rejectionSamplingKeepsWhatTheDiscriminatorBelievesAndLeavesTrainingAlone() {
        GaussianMixture ring = GaussianMixture.ring(8, 1, 0.1);
        Map<String, Object> nets = Map.of("generator", Map.of("hidden", List.of(64, 64), "learning_rate", 0.001),
                "discriminator", Map.of("hidden", List.of(64, 64), "learning_rate", 0.001));
        Map<String, Object> drs = new LinkedHashMap<>(nets);
        drs.put("drs_percentile", 80.0);
        DeepGan rejecting = gan(ring, drs, 3), plain = gan(ring, nets, 3);
        for (int i = 0; i < 300; i++) assertThat(rejecting.trainIteration()).isEqualTo(plain.trainIteration());
        assertThat(rejecting.generatorParams()).containsExactly(plain.generatorParams());
        assertThat(rejecting.discriminatorParams()).containsExactly(plain.discriminatorParams());
        int n = 2500;
        float[] a = new float[2 * n], b = new float[2 * n];
        rejecting.generate(n, a);
        plain.generate(n, b);
        // the same generator, its samples filtered by D: D rates what is kept higher, and no fewer land near a mode
        // (D is still unsure after 300 iterations, so the shift is modest: it is asked to be 5 standard errors, not a fixed amount)
        float[] keptLogits = rejecting.inferenceLogits(a, n), allLogits = plain.inferenceLogits(b, n);
        double standardError = Math.sqrt(variance(keptLogits) / n + variance(allLogits) / n);
        assertThat(mean(keptLogits)).isGreaterThan(mean(allLogits) + 5 * standardError);
        double kept = ModeCoverage.of(a, n, 2, ring.modes(), 0.1).highQuality(), all = ModeCoverage.of(b, n, 2, ring.modes(), 0.1).highQuality();
        assertThat(kept).isGreaterThanOrEqualTo(all);
        // training after sampling is unchanged too (sampling draws from evaluation's stream only)
        assertThat(rejecting.trainIteration()).isEqualTo(plain.trainIteration());

        // packed inputs are kept a pair at a time; an odd count still fills exactly
        Map<String, Object> packed = new LinkedHashMap<>(drs);
        packed.put("pack", 2L);
        float[] odd = new float[2 * 2501];
        java.util.Arrays.fill(odd, Float.NaN);
        gan(ring, packed, 3).generate(2501, odd);
        for (float v : odd) assertThat(v).isFinite();

        assertThatThrownBy(() -> gan(ring, Map.of("drs_percentile", 80.0, "loss", "wgan-gp"), 3))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gan.drs_percentile").hasMessageContaining("minimax");
        assertThatThrownBy(() -> gan(ImageDataset.digits(), Map.of("drs_percentile", 80.0, "conditional", true), 3))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gan.drs_percentile");
    }

    @Test
    void rejectionSamplingsScoreAndPercentileAreThePapersAndNumPys() {
        assertThat(DeepGan.percentile(new double[] {5, 1, 3, 2, 4}, 50)).isEqualTo(3.0);
        assertThat(DeepGan.percentile(new double[] {5, 1, 3, 2, 4}, 80)).isCloseTo(4.2, within(1e-12));
        // at the maximum logit F is −log ε (every such sample is kept); far below it F ≈ l − M
        assertThat(DeepGan.drsF(2.0, 2.0)).isCloseTo(-Math.log(1e-6), within(1e-3));
        assertThat(DeepGan.drsF(-8.0, 2.0)).isCloseTo(-10.0, within(1e-4));
        assertThat(DeepGan.drsF(1.0, 2.0)).isCloseTo(-1 - Math.log(1 - Math.exp(-1)), within(1e-5));
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return s / v.length;
    }

    private static double variance(float[] v) {
        double m = mean(v), s = 0;
        for (float x : v) s += (x - m) * (x - m);
        return s / (v.length - 1);
    }

    /** Mean distance of 2D points from their centroid. */
    private static double spread(float[] xy) {
        int n = xy.length / 2;
        double mx = 0, my = 0, s = 0;
        for (int i = 0; i < n; i++) {
            mx += xy[2 * i] / (double) n;
            my += xy[2 * i + 1] / (double) n;
        }
        for (int i = 0; i < n; i++) s += Math.hypot(xy[2 * i] - mx, xy[2 * i + 1] - my) / n;
        return s;
    }

    @Test
    void keepBestResumesFromACheckpointAsIfUninterrupted() throws Exception {
        GaussianMixture ring = GaussianMixture.ring(8, 1, 0.01);
        Map<String, Object> o = Map.of("ema", 0.9, "keep_best", 10L);
        DeepGan a = gan(ring, o, 6);
        for (int i = 0; i < 30; i++) a.trainIteration();
        Path file = tmp.resolve("keep.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(file)) {
            a.save(w);
        }
        DeepGan b = gan(ring, o, 99);
        b.restore(new CheckpointReader(file));
        for (int i = 0; i < 25; i++) assertThat(b.trainIteration()).isEqualTo(a.trainIteration());
        assertThat(b.finish()).isEqualTo(a.finish());
        float[] sa = new float[200], sb = new float[200];
        a.generate(100, sa);
        b.generate(100, sb);
        assertThat(sb).containsExactly(sa);
        // a checkpoint written after finish generates with the kept generator, as simlab eval reads it
        Path done = tmp.resolve("kept.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(done)) {
            a.save(w);
        }
        DeepGan c = gan(ring, o, 98);
        c.restore(new CheckpointReader(done));
        a.generate(100, sa);
        c.generate(100, sb);
        assertThat(sb).containsExactly(sa);
    }

    @Test
    void theViewerSeesGeneratedDigitsAsImagesBesideRealOnes() {
        DeepGan gan = gan(ImageDataset.digits(), Map.of(), 2);
        SceneBuilder b = new SceneBuilder();
        gan.describe(b);
        Scene scene = b.build();
        List<Shape> generated = scene.tagged("generated"), real = scene.tagged("real");
        assertThat(generated).hasSize(64);
        assertThat(real).hasSize(8);
        Shape.Image first = (Shape.Image) generated.get(0);
        assertThat(first.cols()).isEqualTo(8);
        assertThat(first.rows()).isEqualTo(8);
        float[] expected = new float[64];
        ImageDataset.digits().sample(new Rng(0), 1, expected);
        assertThat(((Shape.Image) real.get(0)).pixels()).containsExactly(expected);
        // the generator's sigmoid output keeps every pixel in [0, 1], as the image shape expects
        for (Shape s : generated) for (float v : ((Shape.Image) s).pixels()) assertThat(v).isBetween(0f, 1f);
    }

    @Test
    void digitsAreBundledAndRealDigitsScoreWell() {
        ImageDataset digits = ImageDataset.digits();
        assertThat(digits.size()).isEqualTo(1797);
        assertThat(digits.shape()).containsExactly(8, 8);
        float[] px = digits.pixels();
        float min = 1, max = 0;
        for (float p : px) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(1f);
        float[] real = new float[500 * 64];
        digits.sample(new Rng(5), 500, real);
        Map<String, Double> s = digits.score(real, 500);
        assertThat(s.get("classifier_confidence")).isGreaterThan(0.9);
        assertThat(s.get("classifier_entropy")).isGreaterThan(2.2); // ten classes, about equally frequent
        assertThat(s.get("knn_precision")).isGreaterThan(0.9);
        float[] blank = new float[500 * 64];
        Map<String, Double> b = digits.score(blank, 500);
        assertThat(b.get("classifier_entropy")).isZero(); // one predicted class
        assertThat(b.get("knn_recall")).isLessThan(0.05);
        // the reference beside every score is what the whole real set scores, whatever was generated
        Map<String, Double> all = digits.score(digits.pixels(), digits.size());
        assertThat(b.get("classifier_confidence_real")).isEqualTo(s.get("classifier_confidence_real"))
                .isCloseTo(all.get("classifier_confidence"), org.assertj.core.data.Offset.offset(1e-6));
    }
}
