package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.run.Experiment;
import dev.simlab.core.run.RunResult;
import dev.simlab.core.run.Summary;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Greedy evaluations also report the mean at episode end of each of the env's info keys (e.g. a collision rate). */
class EvaluationInfoTest {
    @TempDir
    Path dir;

    private Scenario scenario;

    private List<RunResult> run(String name, String envExtra) throws Exception {
        String yaml = "name: t\nenv: {id: corridor-info, length: 20" + envExtra + "}\nagent: {id: go-right, p: 0.9}\n"
                + "run: {episodes: 12, runs: 2, eval_every: 5, eval_episodes: 4}\n";
        scenario = new ScenarioLoader(TestComponents.registry()).parse("t.yaml", new StringReader(yaml), List.of());
        return Experiment.of(scenario, dir.resolve(name)).run().results();
    }

    @Test
    void evaluationInfoMeansGoToMetricsAndSummary() throws Exception {
        List<RunResult> results = run("reach", "");
        // greedy go-right always reaches the end within the 50-step limit
        assertThat(results).allSatisfy(r -> assertThat(r.figure("final_eval_reached_mean")).isEqualTo(1.0));
        List<String> rows = Files.readAllLines(dir.resolve("reach/metrics.csv"));
        assertThat(rows.get(0)).endsWith(",eval_return_mean,eval_return_std,eval_reached_mean");
        String[] fifth = rows.get(5).split(",", -1);
        assertThat(fifth[1]).isEqualTo("5");
        assertThat(fifth[fifth.length - 1]).as("evaluated after episode 5").isEqualTo("1");
        assertThat(rows.get(1).split(",", -1)[fifth.length - 1]).as("no evaluation after episode 1").isEmpty();
        Map<String, Object> summary = new Summary(scenario, results, false, 1).toMap();
        assertThat(summary.get("aggregate").toString()).contains("final_eval_reached_mean={mean=1.0");
        assertThat(summary.get("runs").toString()).contains("final_eval_reached_mean=1.0");
        assertThat(new Summary(scenario, results, false, 1).table()).contains("final_eval_reached_mean");
    }

    @Test
    void episodesCutOffByTheTimeLimitCountAsNotReached() throws Exception {
        // starting in the left half of 20 cells needs at least 10 steps; the limit is 3
        List<RunResult> results = run("cut", ", max_episode_steps: 3");
        assertThat(results).allSatisfy(r -> assertThat(r.figure("final_eval_reached_mean")).isEqualTo(0.0));
    }
}
