package dev.simlab.renderer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.scene.HudModel;
import dev.simlab.core.scene.Scene;
import dev.simlab.core.scene.SceneBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HUD's words and curve, read as a user would, without a window. */
class HudTextTest {
    private static List<String> labels(Scene s) {
        return HudText.rows(s).stream().map(HudText.Row::label).toList();
    }

    private static String text(Scene s) {
        StringBuilder b = new StringBuilder();
        for (HudText.Row r : HudText.rows(s)) b.append(r.label()).append(' ').append(r.value()).append('\n');
        return b.toString();
    }

    @Test
    void aHistoryKeepsEveryRowAndFillsWhatARowLacksWithNaN() {
        RunHistory h = new RunHistory();
        String[] rl = {"return", "eval_return_mean"};
        for (int i = 0; i < 40; i++) h.add(rl, new double[] {-i, i == 39 ? -13 : Double.NaN}); // grows past its first 16 rows
        h.add(Map.of("d_loss", 0.5)); // a column first heard at row 40
        assertThat(h.rows()).isEqualTo(41);
        assertThat(h.names()).containsExactly("return", "eval_return_mean", "d_loss");
        double[] returns = h.column("return", 41);
        assertThat(returns[0]).isEqualTo(0.0);
        assertThat(returns[39]).isEqualTo(-39.0);
        assertThat(returns[40]).isNaN();
        assertThat(h.column("eval_return_mean", 41)[39]).isEqualTo(-13.0);
        assertThat(h.column("d_loss", 41)[0]).isNaN();
        assertThat(h.column("d_loss", 41)[40]).isEqualTo(0.5);
    }

    @Test
    void aGanHudNamesEachFieldOnceAndShowsNoNaNOrInfinity() {
        // what a GAN plugin's describe may add on top of the run's model (DeepGan used to add "iteration")
        Scene s = new SceneBuilder().hud("iteration", 1350).hud("temperature", Double.POSITIVE_INFINITY)
                .model(new HudModel.Gan(0, 14, false, 1350, Map.of("d_loss", 1.2, "g_loss", Double.NaN),
                        Map.of("modes_covered", 7.0, "high_quality", 0.913, "kl", 0.02)))
                .build();
        List<String> labels = labels(s);
        assertThat(labels).doesNotHaveDuplicates().contains("iteration", "d loss", "g loss", "modes covered", "high-quality share", "mode KL");
        assertThat(labels).doesNotContain("episode", "return", "step");
        String text = text(s);
        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity").doesNotContain("∞");
        assertThat(text).contains("iteration 1,350").contains("modes covered 7").contains("high-quality share 91.3%");

        RunHistory h = new RunHistory();
        h.add(Map.of("eval_modes_covered", 3.0)); // iteration 0: scores, no losses yet
        for (int i = 1; i < 14; i++) h.add(Map.of("d_loss", 1.0 + i * 0.01, "g_loss", 0.7 - i * 0.01));
        HudText.Sparkline spark = HudText.sparkline(s.model(), h, 240);
        assertThat(spark.title()).startsWith("losses");
        assertThat(spark.names()).containsExactly("d loss", "g loss");
        assertThat(spark.curves()).allSatisfy(c -> assertThat(java.util.Arrays.stream(c).allMatch(Double::isFinite) && c.length == 13).isTrue());
        assertThat(spark.low() + spark.high()).doesNotContain("Infinity").doesNotContain("NaN");
    }

    @Test
    void aSceneOfEpisodeOneShowsNoLaterEpisodesInItsSparkline() {
        RunHistory h = new RunHistory();
        for (int i = 0; i < 40; i++) h.add(Map.of("return", (double) i, "eval_return_mean", Double.NaN));
        // a frame recorded at the start of training, drawn after 40 episodes were done
        Scene first = new SceneBuilder().model(new HudModel.Rl(0, 0, false, 1, 0, 0, 0, Double.NaN,
                Map.of("epsilon", 1.0, "gradient_steps", 0.0), Double.NaN, false)).build();
        HudText.Sparkline spark = HudText.sparkline(first.model(), h, 240);
        assertThat(spark.empty()).isTrue();
        assertThat(spark.title()).isEqualTo("returns, 0 episodes");
        // the count stays short enough for the panel at any run length
        assertThat(HudText.count(950)).isEqualTo("950");
        assertThat(HudText.count(12_345)).isEqualTo("12.3k");
        assertThat(HudText.count(2_949_993)).isEqualTo("2.9M");
        // and one of episode 25 draws exactly the 24 episodes before it
        Scene later = new SceneBuilder().model(new HudModel.Rl(0, 24, false, 25, 3, 700, 2.5, 23,
                Map.of("epsilon", 0.9, "gradient_steps", 500.0, "td_loss", 0.25), Double.NaN, false)).build();
        spark = HudText.sparkline(later.model(), h, 240);
        assertThat(spark.curves().get(0)).hasSize(24);
        assertThat(spark.high()).isEqualTo("23.0");
        assertThat(text(later)).contains("episode 25").contains("step 3").contains("env steps 700").contains("last return 23")
                .contains("ε 0.900").contains("gradient steps 500").contains("td loss 0.250").doesNotContain("NaN");
        assertThat(labels(later)).doesNotHaveDuplicates();
    }

    @Test
    void longRunsAreBucketedAndTheFinalSceneSaysTrainingIsDone() {
        RunHistory h = new RunHistory();
        for (int i = 0; i < 10_000; i++) h.add(Map.of("return", i % 2 == 0 ? -100.0 : -13.0));
        Scene done = new SceneBuilder().model(new HudModel.Rl(0, 10_000, true, 10_000, 0, 250_000, -13, -13,
                Map.of("epsilon", 0.1), -13, false)).build();
        HudText.Sparkline spark = HudText.sparkline(done.model(), h, 240);
        assertThat(spark.curves().get(0).length).isBetween(200, 240);
        assertThat(text(done)).contains("episodes 10,000").contains("eval return -13").contains("training done").doesNotContain("step 0");
    }

    @Test
    void theGridsCurvePanelOverlaysEveryRunAndTheirMeanOverTheEpisodesAllReached() {
        RunHistory slow = new RunHistory(), fast = new RunHistory();
        for (int i = 0; i < 4; i++) slow.add(Map.of("return", 0.0));
        for (int i = 0; i < 6; i++) fast.add(Map.of("return", 2.0));
        HudText.RunCurves c = HudText.runCurves(List.of(slow, fast), false, 240);
        assertThat(c.runs()).hasSize(2);
        assertThat(c.runs().get(0)).containsOnly(0.0).hasSize(4);
        assertThat(c.runs().get(1)).containsOnly(2.0).hasSize(6);
        assertThat(c.mean()).as("the mean of the two runs, over the 4 episodes both have").containsOnly(1.0).hasSize(4);
        assertThat(c.title()).contains("2 runs").contains("first 4 episodes").contains("last 90%");
        assertThat(c.low()).isEqualTo("0.00");
        assertThat(c.high()).isEqualTo("2.00");

        // long runs: every run in the same buckets of episodes, so their curves line up; the mean is their pointwise mean
        RunHistory a = new RunHistory(), b = new RunHistory();
        for (int i = 0; i < 1000; i++) {
            a.add(Map.of("return", (double) i));
            b.add(Map.of("return", i + 10.0));
        }
        HudText.RunCurves l = HudText.runCurves(List.of(a, b), false, 100);
        assertThat(l.runs().get(0)).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(l.mean()[i]).isCloseTo((l.runs().get(0)[i] + l.runs().get(1)[i]) / 2, org.assertj.core.data.Offset.offset(1e-9));
        }

        // GAN runs: their first loss, never NaN in the text
        RunHistory g = new RunHistory();
        for (int i = 0; i < 5; i++) g.add(Map.of("d_loss", 1.0, "g_loss", 0.5));
        HudText.RunCurves gc = HudText.runCurves(List.of(g), true, 240);
        assertThat(gc.title()).startsWith("d loss of 1 runs").doesNotContain("NaN");
    }

    @Test
    void theGridLaysFourRunsTwoByTwoAboveTheCurveStripWithoutOverlap() {
        int w = 1280, h = 720, strip = GridLayout.panelHeight(h);
        assertThat(GridLayout.columns(4)).isEqualTo(2);
        assertThat(GridLayout.rows(4)).isEqualTo(2);
        assertThat(GridLayout.columns(9)).isEqualTo(3);
        assertThat(GridLayout.rows(3)).isEqualTo(2);
        long covered = 0;
        for (int i = 0; i < 4; i++) {
            int[] c = GridLayout.cell(i, 4, w, h);
            covered += (long) c[2] * c[3];
            assertThat(c[1] + c[3]).as("above the strip").isLessThanOrEqualTo(h - strip);
            assertThat(GridLayout.at(c[0] + c[2] / 2.0, c[1] + c[3] / 2.0, 4, w, h)).isEqualTo(i);
        }
        assertThat(covered).as("the four viewports tile the area above the strip").isEqualTo((long) w * (h - strip));
        assertThat(GridLayout.cell(1, 4, w, h)[0]).as("run 1 is right of run 0").isEqualTo(640);
        assertThat(GridLayout.at(10, h - 5, 4, w, h)).as("the curve strip is no viewport").isEqualTo(-1);
    }
}
