package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.plugin.PluginHost;
import dev.simlab.core.run.Experiment;
import dev.simlab.core.run.RunMonitor;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import dev.simlab.core.scene.HudModel;
import dev.simlab.core.scene.Scene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the viewer's HUD is told about a run matches {@code metrics.csv} at the same moment: a
 * monitor that takes every scene (no window, no GPU) checks each scene's {@link HudModel} against
 * the rows the run had written when it was built.
 */
class HudModelTest {
    static PluginHost host;

    @TempDir
    Path tmp;

    @BeforeAll
    static void plugins() {
        host = new PluginHost(List.of(Path.of(System.getProperty("simlab.plugins"))));
        dev.simlab.nn.Backend.init();
    }

    @AfterAll
    static void close() {
        host.close();
    }

    /** Takes a scene at every step of run 0, as a viewer that always asks would. */
    static final class EveryScene implements RunMonitor {
        final List<HudModel> models = new CopyOnWriteArrayList<>();

        @Override
        public boolean gate(int run) {
            return true;
        }

        @Override
        public boolean wantsScene(int run) {
            return run == 0;
        }

        @Override
        public void scene(int run, Scene scene) {
            if (run == 0) models.add(scene.model());
        }
    }

    private List<Map<String, String>> rows(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) row.put(header[i], c[i]);
            if (row.get("run").equals("0")) out.add(row);
        }
        return out;
    }

    private EveryScene train(String name, Path dir, String... sets) throws Exception {
        Scenario s = new ScenarioLoader(host.registry()).load(Cli.scenario(name), List.of(sets));
        EveryScene monitor = new EveryScene();
        assertThat(Experiment.of(s, dir).monitor(monitor).run().status()).isEqualTo("completed");
        return monitor;
    }

    @Test
    void anRlScenesHudIsTheLastRowOfMetricsCsv() throws Exception {
        Path dir = tmp.resolve("dqn");
        EveryScene m = train("cartpole-dqn", dir, "run.steps=1500", "agent.learning_starts=300", "run.eval_episodes=2",
                "run.eval_envs=2", "run.eval_every=20");
        List<Map<String, String>> rows = rows(dir);
        int checked = 0;
        for (HudModel model : m.models) {
            HudModel.Rl hud = (HudModel.Rl) model;
            if (hud.rows() == 0) {
                assertThat(hud.lastReturn()).as("no episode finished yet").isNaN();
                assertThat(hud.episode()).isEqualTo(1);
                continue;
            }
            Map<String, String> row = rows.get((int) hud.rows() - 1);
            assertThat(hud.lastReturn()).isCloseTo(Double.parseDouble(row.get("return")), within(1e-4));
            assertThat(hud.episode()).isEqualTo(Long.parseLong(row.get("episode")) + (hud.done() ? 0 : 1));
            if (hud.envSteps() != Long.parseLong(row.get("env_steps"))) continue;
            // the scene right after the row: every figure the HUD shows is the row's
            for (Map.Entry<String, Double> f : hud.figures().entrySet()) {
                assertThat(row).as("HUD figure %s is a metrics.csv column", f.getKey()).containsKey(f.getKey());
                if (row.get(f.getKey()).isEmpty()) assertThat(f.getValue()).isNaN();
                else assertThat(f.getValue()).as(f.getKey() + " at row " + hud.rows()).isCloseTo(Double.parseDouble(row.get(f.getKey())), within(1e-4));
            }
            checked++;
        }
        assertThat(checked).as("scenes built right after a row").isGreaterThan(20);
        assertThat(((HudModel.Rl) m.models.get(m.models.size() - 2)).figures()).containsKeys("epsilon", "gradient_steps", "td_loss");
        HudModel.Rl last = (HudModel.Rl) m.models.get(m.models.size() - 1);
        assertThat(last.done()).as("the run's last scene is its final state").isTrue();
        assertThat(last.envSteps()).isEqualTo(1500);
        assertThat(last.rows()).isEqualTo(rows.size());
        assertThat(last.evalReturnMean()).isFinite();
    }

    @Test
    void aGanScenesHudIsItsLastLossesAndScores() throws Exception {
        Path dir = tmp.resolve("gan");
        EveryScene m = train("gan-ring", dir, "run.runs=1", "run.iterations=300", "run.eval_every=100", "run.eval_samples=300",
                "run.log_every=50");
        List<Map<String, String>> rows = rows(dir);
        for (HudModel model : m.models) {
            HudModel.Gan hud = (HudModel.Gan) model;
            List<Map<String, String>> written = rows.subList(0, (int) hud.rows());
            Map<String, String> lastLosses = null, lastScores = null;
            for (Map<String, String> row : written) {
                if (!row.get("d_loss").isEmpty()) lastLosses = row;
                if (!row.get("eval_modes_covered").isEmpty()) lastScores = row;
            }
            if (lastLosses == null) assertThat(hud.losses()).isEmpty();
            else for (String loss : List.of("d_loss", "g_loss")) assertThat(hud.losses().get(loss)).isCloseTo(Double.parseDouble(lastLosses.get(loss)), within(1e-4));
            if (lastScores != null) {
                assertThat(hud.scores().get("modes_covered")).isEqualTo(Double.parseDouble(lastScores.get("eval_modes_covered")));
                assertThat(hud.scores().get("high_quality")).isCloseTo(Double.parseDouble(lastScores.get("eval_high_quality")), within(1e-4));
            }
            if (!written.isEmpty()) assertThat(hud.iteration()).isGreaterThanOrEqualTo(Long.parseLong(written.get(written.size() - 1).get("iteration")));
        }
        HudModel.Gan last = (HudModel.Gan) m.models.get(m.models.size() - 1);
        assertThat(last.done()).isTrue();
        assertThat(last.iteration()).isEqualTo(300);
        assertThat(last.rows()).isEqualTo(rows.size());
    }
}
