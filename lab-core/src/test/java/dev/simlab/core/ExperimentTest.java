package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.run.Experiment;
import dev.simlab.core.run.RunResult;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scenario.ScenarioLoader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {
    @TempDir
    Path dir;

    private Scenario scenario(int runs, String extra) {
        String yaml = "name: t\nenv: {id: corridor}\nagent: {id: go-right, p: 0.7}\nrun: {episodes: 30, runs: " + runs + extra + "}\n";
        return new ScenarioLoader(TestComponents.registry()).parse("t.yaml", new StringReader(yaml), List.of());
    }

    private static List<String> withoutWallClock(Path csv) throws Exception {
        return Files.readAllLines(csv).stream()
                .map(l -> {
                    String[] c = l.split(",", -1);
                    c[5] = "";
                    return String.join(",", c);
                })
                .collect(Collectors.toList());
    }

    @Test
    void metricsHaveOneRowPerEpisodePerRunInRunOrderAndAreReproducible() throws Exception {
        List<RunResult> a = Experiment.of(scenario(4, ", threads: 2"), dir.resolve("a")).run().results();
        Experiment.of(scenario(4, ", threads: 1"), dir.resolve("b")).run();
        List<String> rows = withoutWallClock(dir.resolve("a/metrics.csv"));
        assertThat(rows.get(0)).isEqualTo("run,episode,return,length,env_steps,,mean_reward,p,eval_return_mean,eval_return_std");
        assertThat(rows).hasSize(1 + 4 * 30);
        for (int i = 1; i < rows.size(); i++) {
            String[] c = rows.get(i).split(",");
            assertThat(Integer.parseInt(c[0])).isEqualTo((i - 1) / 30);
            assertThat(Integer.parseInt(c[1])).isEqualTo((i - 1) % 30 + 1);
        }
        assertThat(rows).isEqualTo(withoutWallClock(dir.resolve("b/metrics.csv")));
        assertThat(a).extracting(RunResult::status).containsOnly("completed");
        assertThat(Files.exists(dir.resolve("a/checkpoints/run-003.ckpt"))).isTrue();
    }

    @Test
    void greedyEvaluationIsReportedAtTheEnd() throws Exception {
        List<RunResult> r = Experiment.of(scenario(1, ", eval_episodes: 5"), dir.resolve("e")).run().results();
        // greedy go-right walks straight to the end: every step costs 0.01, the end pays 1
        assertThat(r.get(0).finalEvalMean()).isBetween(0.9, 1.0);
        List<String> rows = Files.readAllLines(dir.resolve("e/metrics.csv"));
        assertThat(rows.get(rows.size() - 1)).doesNotEndWith(",,");
    }

    @Test
    void evaluationOnMoreEnvCopiesThanTrainingStillPlaysExactlyTheAskedEpisodes() throws Exception {
        for (int copies : new int[] {1, 4, 6, 50}) {
            Scenario s = scenario(1, ", num_envs: 2, eval_episodes: 6, eval_envs: " + copies);
            Path out = dir.resolve("e" + copies);
            double mean = Experiment.of(s, out).run().results().get(0).finalEvalMean();
            java.util.Map<String, Double> again = dev.simlab.core.run.RunKind.of(s).evaluate(s,
                    new dev.simlab.core.checkpoint.CheckpointReader(out.resolve("checkpoints/run-000.ckpt")), 6, 11);
            // greedy go-right walks straight to the end: every step costs 0.01, the end pays 1
            assertThat(again.get("return_min")).as("%d copies", copies).isBetween(0.9, 1.0);
            assertThat(again.get("return_max")).isBetween(0.9, 1.0);
            assertThat(mean).isBetween(0.9, 1.0);
        }
    }

    @Test
    void evalEveryStepsEvaluatesAtTheFirstEpisodeEndPastEachMultiple() throws Exception {
        Experiment.of(scenario(1, ", steps: 0, eval_every_steps: 50, eval_episodes: 2"), dir.resolve("s")).run();
        List<String> rows = Files.readAllLines(dir.resolve("s/metrics.csv"));
        long lastMultiple = 0;
        int evaluated = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            long steps = Long.parseLong(c[4]);
            boolean due = steps / 50 > lastMultiple;
            boolean last = row.equals(rows.get(rows.size() - 1));
            // an evaluation exactly where a multiple of 50 steps was crossed (and at the end), nowhere else
            assertThat(!c[8].isEmpty()).as(row).isEqualTo(due || last);
            if (due) lastMultiple = steps / 50;
            if (!c[8].isEmpty()) evaluated++;
        }
        assertThat(evaluated).isGreaterThan(2);
    }

    @Test
    void copiesEndingInTheSameStepAllGetTheAgentsAveragedFigures() throws Exception {
        // always left, never reaching the end: every copy is cut by the 5-step limit in the same step
        Scenario s = new ScenarioLoader(TestComponents.registry()).parse("t.yaml",
                new StringReader("env: {id: corridor, max_episode_steps: 5}\nagent: {id: go-right, p: 0}\nrun: {episodes: 40, num_envs: 4}\n"), List.of());
        Experiment.of(s, dir.resolve("same")).run();
        List<String> rows = Files.readAllLines(dir.resolve("same/metrics.csv"));
        assertThat(rows.get(0).split(",")[6]).isEqualTo("mean_reward");
        for (String row : rows.subList(1, rows.size())) assertThat(Double.parseDouble(row.split(",")[6])).as(row).isCloseTo(-0.01, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void stopRequestLeavesCompleteRowsAndMarksRunsInterrupted() throws Exception {
        Scenario s = new ScenarioLoader(TestComponents.registry()).parse("t.yaml",
                new StringReader("env: {id: corridor, length: 400}\nagent: {id: go-right, p: 0.5}\nrun: {episodes: 1000000, runs: 2}\n"), List.of());
        Experiment<?> e = Experiment.of(s, dir.resolve("i"));
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
            }
            e.requestStop();
        });
        stopper.start();
        List<RunResult> results = e.run().results();
        assertThat(results).extracting(RunResult::status).containsOnly("interrupted");
        List<String> lines = Files.readAllLines(dir.resolve("i/metrics.csv"));
        assertThat(lines.size()).isGreaterThan(1);
        for (String l : lines) assertThat(l.split(",", -1)).hasSize(10);
        assertThat(Files.readString(dir.resolve("i/metrics.csv"))).endsWith("\n");
    }
}
