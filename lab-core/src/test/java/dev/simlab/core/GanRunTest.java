package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.data.Dataset;
import dev.simlab.core.gan.Gan;
import dev.simlab.core.gan.ModeCoverage;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.plugin.DatasetProvider;
import dev.simlab.core.plugin.DatasetType;
import dev.simlab.core.plugin.GanProvider;
import dev.simlab.core.plugin.GanType;
import dev.simlab.core.plugin.Registry;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.run.Experiment;
import dev.simlab.core.run.RunResult;
import dev.simlab.core.scenario.GanScenario;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GAN run loop with a pure-Java stand-in GAN whose samples drift from one mode towards all of them. */
class GanRunTest {
    @TempDir
    Path tmp;

    /** Four modes on the unit square's corners, σ 0.1. */
    static final class Corners implements Dataset {
        static final float[] MODES = {0, 0, 0, 1, 1, 0, 1, 1};

        public int dimension() {
            return 2;
        }

        public int[] shape() {
            return new int[] {2};
        }

        public int size() {
            return -1;
        }

        public void sample(Rng rng, int n, float[] out) {
            for (int i = 0; i < n; i++) {
                int m = rng.nextInt(4);
                out[2 * i] = (float) (MODES[2 * m] + 0.1 * rng.nextGaussian());
                out[2 * i + 1] = (float) (MODES[2 * m + 1] + 0.1 * rng.nextGaussian());
            }
        }

        public float[] modes() {
            return MODES.clone();
        }

        public double modeStddev() {
            return 0.1;
        }
    }

    /**
     * Generates at mode 0 only until it has trained {@code spread} iterations, then at all four modes;
     * with {@code endOn} > 0, {@link #finish()} switches to the generator of that iteration (as keep_best does).
     */
    static final class Learner implements Gan {
        private final long spread, endOn;
        private long iterations;
        private boolean finished;

        Learner(long spread, long endOn) {
            this.spread = spread;
            this.endOn = endOn;
        }

        public Map<String, Double> finish() {
            if (endOn <= 0) return Map.of();
            finished = true;
            return Map.of("kept_iteration", (double) endOn);
        }

        public Map<String, Double> trainIteration() {
            iterations++;
            return Map.of("d_loss", 1.0 / iterations, "g_loss", 2.0);
        }

        public void generate(int n, float[] out) {
            for (int i = 0; i < n; i++) {
                int m = (finished ? endOn : iterations) >= spread ? i % 4 : 0;
                out[2 * i] = Corners.MODES[2 * m];
                out[2 * i + 1] = Corners.MODES[2 * m + 1];
            }
        }

        public void save(CheckpointWriter out) throws IOException {
            out.putLong("learner.iterations", iterations);
        }

        public void restore(CheckpointReader in) throws IOException {
            iterations = in.getLong("learner.iterations");
        }
    }

    static Registry registry() {
        Registry r = new Registry();
        Registry.Origin test = new Registry.Origin("test", "0");
        r.add((GanProvider) () -> List.of(new GanType("learner", "stand-in", ParamSchema.of(Param.integer("spread", 10, 0, 1000, ""),
                Param.integer("end_on", 0, 0, 1000, "")), (c, p) -> new Learner(p.longValue("spread"), p.longValue("end_on")))), test);
        r.add((DatasetProvider) () -> List.of(new DatasetType("corners", "four modes", ParamSchema.empty(), p -> new Corners())), test);
        return r;
    }

    static final String GOOD = """
            name: corners
            gan:
              id: learner
              spread: 30
            dataset:
              id: corners
            run:
              iterations: 50
              eval_every: 20
              log_every: 10
              eval_samples: 400
              runs: 2
            """;

    static Scenario parse(String yaml, String... sets) {
        return new ScenarioLoader(registry()).parse("g.yaml", new StringReader(yaml), List.of(sets));
    }

    @Test
    void modeCoverageOfPerfectAndCollapsedSamples() {
        float[] perfect = new float[2 * 400];
        for (int i = 0; i < 400; i++) System.arraycopy(Corners.MODES, 2 * (i % 4), perfect, 2 * i, 2);
        ModeCoverage all = ModeCoverage.of(perfect, 400, 2, Corners.MODES, 0.1);
        assertThat(all.modesCovered()).isEqualTo(4);
        assertThat(all.highQuality()).isEqualTo(1.0);
        assertThat(all.kl()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));

        float[] collapsed = new float[2 * 400];
        for (int i = 0; i < 400; i++) collapsed[2 * i] = 0.05f; // all near mode (0, 0), within 3σ
        ModeCoverage one = ModeCoverage.of(collapsed, 400, 2, Corners.MODES, 0.1);
        assertThat(one.modesCovered()).isEqualTo(1);
        assertThat(one.highQuality()).isEqualTo(1.0);
        assertThat(one.kl()).isCloseTo(Math.log(4), org.assertj.core.data.Offset.offset(1e-9));

        float[] far = {0.5f, 0.5f};
        assertThat(ModeCoverage.of(far, 1, 2, Corners.MODES, 0.1).highQuality()).isZero();
    }

    @Test
    void unknownGanIdAndMissingDatasetAreConfigErrorsWithTheirKeys() {
        assertThatThrownBy(() -> parse(GOOD.replace("id: learner", "id: lerner")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gan.id").hasMessageContaining("learner");
        assertThatThrownBy(() -> parse(GOOD.replace("dataset:\n  id: corners\n", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dataset");
        assertThatThrownBy(() -> parse(GOOD.replace("iterations: 50", "episodes: 50")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("run.episodes");
        assertThatThrownBy(() -> parse(GOOD + "env:\n  id: corridor\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("g.yaml:");
    }

    @Test
    void runWritesMetricsSamplesAndSummaryFigures() throws IOException {
        Scenario s = parse(GOOD);
        assertThat(s).isInstanceOf(GanScenario.class);
        List<RunResult> results = Experiment.of(s, tmp.resolve("out")).run().results();
        assertThat(results).hasSize(2);
        for (RunResult r : results) {
            assertThat(r.status()).isEqualTo("completed");
            assertThat(r.figure("iterations")).isEqualTo(50);
            assertThat(r.figure("modes_covered")).isEqualTo(4.0);
            assertThat(r.figure("high_quality")).isEqualTo(1.0);
        }
        List<String> rows = Files.readAllLines(tmp.resolve("out/metrics.csv"));
        assertThat(rows.get(0)).isEqualTo("run,iteration,wall_seconds,d_loss,g_loss,eval_modes_covered,eval_high_quality,eval_kl");
        // per run: iteration 0 (untrained, one mode), then every 10 iterations; run 0's rows come first
        assertThat(rows).hasSize(1 + 2 * 6);
        assertThat(rows.get(1)).startsWith("0,0,").endsWith(",,,1,1,1.3862944");
        assertThat(rows.get(2)).startsWith("0,10,");
        assertThat(rows.get(7)).startsWith("1,0,");
        List<String> samples = Files.readAllLines(tmp.resolve("out/run-001/samples.csv"));
        assertThat(samples.get(0)).isEqualTo("x,y");
        assertThat(samples).hasSize(401);
        assertThat(tmp.resolve("out/run-000/samples.png")).exists();
        assertThat(tmp.resolve("out/run-000/losses.png")).exists();
        assertThat(Files.readString(tmp.resolve("out/summary.json"))).contains("\"modes_covered\"");
    }

    @Test
    void theFinalEvaluationScoresTheGeneratorTheGanEndsOnAndItsFiguresJoinTheSummary() throws IOException {
        // trained 50 iterations (all four modes from 30), but it ends on its generator of iteration 20 (one mode)
        Scenario s = parse(GOOD, "run.runs=1", "gan.end_on=20");
        RunResult r = Experiment.of(s, tmp.resolve("k")).run().results().get(0);
        assertThat(r.figure("iterations")).isEqualTo(50);
        assertThat(r.figure("modes_covered")).isEqualTo(1.0);
        assertThat(r.figure("kept_iteration")).isEqualTo(20.0);
        List<String> rows = Files.readAllLines(tmp.resolve("k/metrics.csv"));
        assertThat(rows.get(rows.size() - 2)).startsWith("0,40,").contains(",4,1,"); // evaluations along the way: the generator as trained
        assertThat(rows.get(rows.size() - 1)).startsWith("0,50,").endsWith(",1,1,1.3862944");
        assertThat(Files.readString(tmp.resolve("k/summary.json"))).contains("\"kept_iteration\"");
    }

    @Test
    void evalOnAGanCheckpointScoresFreshSamples() throws IOException {
        Scenario s = parse(GOOD, "run.runs=1");
        Experiment.of(s, tmp.resolve("e")).run();
        Map<String, Double> m = dev.simlab.core.run.RunKind.of(s).evaluate(s, new CheckpointReader(tmp.resolve("e/checkpoints/run-000.ckpt")), 200, 1);
        assertThat(m).containsEntry("modes_covered", 4.0).containsEntry("high_quality", 1.0);
    }
}
