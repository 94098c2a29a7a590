package dev.simlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path tmp;

    @Test
    void cliffWalkRunWritesTheWholeRunFolder() throws Exception {
        Path out = tmp.resolve("q");
        Cli.Result r = Cli.run("run", Cli.scenario("cliff-walking-qlearning"), "--runs", "3", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("final_return_mean").contains("completed");

        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(rows.get(0)).startsWith("run,episode,return,length,env_steps,wall_seconds");
        assertThat(rows).hasSize(1 + 3 * 500);

        String scenario = Files.readString(out.resolve("scenario.yaml"));
        assertThat(scenario).contains("gridworld: 0.1.0").contains("tabular: 0.1.0").contains("run_seeds:")
                .contains("backend: none").contains("alpha: 0.5");

        String summary = Files.readString(out.resolve("summary.json"));
        assertThat(summary).contains("\"status\": \"completed\"").contains("\"final_eval_return_mean\"");

        BufferedImage png = ImageIO.read(out.resolve("learning-curve.png").toFile());
        assertThat(png.getWidth()).isGreaterThan(400);
        assertThat(Files.exists(out.resolve("checkpoints/run-002.ckpt"))).isTrue();
    }

    @Test
    void ganRunCountsIterationsAndWritesSamplesAndScores() throws Exception {
        Path out = tmp.resolve("gan");
        Cli.Result r = Cli.run("run", Cli.scenario("gan-grid"), "--runs", "1", "--set", "run.iterations=200", "--set", "run.eval_every=100",
                "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // the progress bar counts the GAN's budget in iterations, not env steps
        assertThat(r.err()).contains("200/200 iterations").doesNotContain(" steps ");
        List<String> samples = Files.readAllLines(out.resolve("run-000/samples.csv"));
        assertThat(samples.get(0)).isEqualTo("x,y");
        assertThat(samples).hasSize(1 + 2500);
        // standardize: the networks work in scaled units, the samples come back in the grid's (it spans ±4)
        double maxAbs = samples.stream().skip(1).flatMap(l -> java.util.Arrays.stream(l.split(",")))
                .mapToDouble(v -> Math.abs(Double.parseDouble(v))).max().orElseThrow();
        assertThat(maxAbs).isGreaterThan(2.5);
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"modes_covered\"").contains("\"high_quality\"");
    }

    @Test
    void conditionalGanWritesTheRequestedClassBesideEachSampleAndScoresIt() throws Exception {
        Path out = tmp.resolve("cgan");
        Cli.Result r = Cli.run("run", Cli.scenario("gan-digits-conditional"), "--runs", "1", "--set", "run.iterations=300", "--set", "run.eval_every=300",
                "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> samples = Files.readAllLines(out.resolve("run-000/samples.csv"));
        assertThat(samples.get(0)).startsWith("label,p0,p1,").endsWith(",p63");
        assertThat(samples).hasSize(1 + 2500);
        // each class in turn, ten samples at a time (one class per row of the sample grids): 250 of each
        int[] count = new int[10];
        for (int i = 1; i < samples.size(); i++) {
            int label = Integer.parseInt(samples.get(i).substring(0, samples.get(i).indexOf(',')));
            assertThat(label).isEqualTo(((i - 1) / 10) % 10);
            count[label]++;
        }
        assertThat(count).containsOnly(250);
        String summary = Files.readString(out.resolve("summary.json"));
        assertThat(summary).contains("\"classifier_accuracy\"").contains("\"classifier_min_class_share\"");
        BufferedImage grid = ImageIO.read(out.resolve("run-000/samples-00000300.png").toFile());
        assertThat(grid.getHeight()).isGreaterThan(grid.getWidth() * 9 / 10); // ten rows of ten

        // simlab score rates a samples file as the run's final evaluation did: the same figures from the same samples
        Cli.Result score = Cli.run("score", Cli.scenario("gan-digits-conditional"), out.resolve("run-000/samples.csv").toString(), "--json");
        assertThat(score.exit()).as(score.err()).isZero();
        Map<?, ?> scored = (Map<?, ?>) dev.simlab.core.run.Json.parse(score.out().strip());
        Map<?, ?> aggregate = (Map<?, ?>) ((Map<?, ?>) dev.simlab.core.run.Json.parse(summary)).get("aggregate");
        for (String k : List.of("classifier_accuracy", "classifier_confidence", "classifier_entropy", "knn_precision", "knn_recall")) {
            assertThat(((Number) scored.get(k)).doubleValue()).as(k).isEqualTo(((Number) ((Map<?, ?>) aggregate.get(k)).get("mean")).doubleValue());
        }
        // the label column is what accuracy is scored against: the same images asked for the next digit score near 0
        Path shifted = tmp.resolve("shifted.csv");
        List<String> rows = new java.util.ArrayList<>(List.of(samples.get(0)));
        for (String row : samples.subList(1, samples.size())) {
            int comma = row.indexOf(',');
            rows.add((Integer.parseInt(row.substring(0, comma)) + 1) % 10 + row.substring(comma));
        }
        Files.write(shifted, rows);
        Cli.Result wrong = Cli.run("score", Cli.scenario("gan-digits-conditional"), shifted.toString(), "--json");
        assertThat(((Number) ((Map<?, ?>) dev.simlab.core.run.Json.parse(wrong.out().strip())).get("classifier_accuracy")).doubleValue())
                .isLessThan(((Number) scored.get("classifier_accuracy")).doubleValue() - 0.3);
        // bad files: one line naming the file, the line and what was expected
        Path shortRow = tmp.resolve("short.csv");
        Files.write(shortRow, List.of(samples.get(0), samples.get(1), samples.get(2).substring(0, samples.get(2).lastIndexOf(','))));
        Cli.Result bad = Cli.run("score", Cli.scenario("gan-digits-conditional"), shortRow.toString());
        assertThat(bad.exit()).isEqualTo(SimLab.INVALID);
        assertThat(bad.err().strip()).isEqualTo("error: " + shortRow + ":3: 64 values; the header has 65");
        Path badLabel = tmp.resolve("label.csv");
        Files.write(badLabel, List.of(samples.get(0), "10" + samples.get(1).substring(samples.get(1).indexOf(','))));
        assertThat(Cli.run("score", Cli.scenario("gan-digits-conditional"), badLabel.toString()).err().strip())
                .isEqualTo("error: " + badLabel + ":2: label: '10' is not a class of this dataset: expected 0 to 9");
        Cli.Result rl = Cli.run("score", Cli.scenario("cliff-walking-qlearning"), shortRow.toString());
        assertThat(rl.exit()).isEqualTo(SimLab.INVALID);
        assertThat(rl.err()).contains("score takes a GAN scenario").doesNotContain("Exception");
    }

    @Test
    void superResolutionRunScoresHeldOutImagesAgainstBicubicAndEvalRescoresItsCheckpoint() throws Exception {
        Path out = tmp.resolve("sr");
        Cli.Result r = Cli.run("run", Cli.scenario("gan-superres"), "--runs", "1", "--set", "run.iterations=40", "--set", "run.eval_every=20",
                "--set", "dataset.limit=2000", "--set", "dataset.test_limit=100", "--set", "gan.generator.hidden=[64]", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        String summary = Files.readString(out.resolve("summary.json"));
        // held-out figures are named as RL's evaluation figures are, with each baseline's beside them
        assertThat(summary).contains("\"final_eval_psnr\"").contains("\"final_eval_ssim\"").contains("\"final_eval_psnr_bicubic\"")
                .contains("\"final_eval_ssim_bicubic\"").doesNotContain("\"psnr\"");
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(metrics.get(0)).startsWith("run,iteration,wall_seconds,l1,eval_psnr,eval_ssim,eval_psnr_bicubic");
        // input, bicubic, output and truth for 8 held-out images: a grid 4 wide and 8 high
        BufferedImage grid = ImageIO.read(out.resolve("run-000/samples-00000040.png").toFile());
        assertThat(grid.getHeight()).isGreaterThan(grid.getWidth() * 3 / 2);
        assertThat(out.resolve("run-000/samples.csv")).doesNotExist(); // nothing is sampled
        Cli.Result eval = Cli.run("eval", out.resolve("checkpoints/run-000.ckpt").toString());
        assertThat(eval.exit()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("psnr").contains("psnr_bicubic");
    }

    @Test
    void qLearningFindsTheOptimalPathAlongTheCliff() throws Exception {
        Path out = tmp.resolve("q");
        Cli.Result r = Cli.run("run", Cli.scenario("cliff-walking-qlearning"), "--runs", "4", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        // the greedy policy walks the 13-step path along the edge: return -13
        assertThat(Files.readString(out.resolve("summary.json")))
                .contains("\"final_eval_return_mean\": {\n      \"mean\": -13,\n      \"std\": 0,");
    }

    @Test
    void sarsaEarnsMoreOnlineThanQLearningAsInSuttonAndBartoFigure6_4() throws Exception {
        double sarsa = lateOnlineReturn("cliff-walking-sarsa");
        double q = lateOnlineReturn("cliff-walking-qlearning");
        // the book: about -25 for SARSA vs about -50 for Q-learning, because Q-learning's path along the edge
        // makes its ε-greedy exploration fall off the cliff
        assertThat(sarsa).isGreaterThan(-35);
        assertThat(q).isLessThan(-40);
    }

    private double lateOnlineReturn(String scenario) throws Exception {
        Path out = tmp.resolve(scenario);
        Cli.Result r = Cli.run("run", Cli.scenario(scenario), "--runs", "10", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        return Files.readAllLines(out.resolve("metrics.csv")).stream().skip(1)
                .map(l -> l.split(","))
                .filter(c -> Integer.parseInt(c[1]) > 400)
                .mapToDouble(c -> Double.parseDouble(c[2])).average().orElseThrow();
    }

    @Test
    void windyGridworldSarsaTakesAboutEightThousandStepsFor170EpisodesAsInTheBook() throws Exception {
        Path out = tmp.resolve("w");
        Cli.Result r = Cli.run("run", Cli.scenario("windy-gridworld-sarsa"), "--runs", "10", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String[]> rows = Files.readAllLines(out.resolve("metrics.csv")).stream().skip(1).map(l -> l.split(",")).toList();
        double first = rows.stream().filter(c -> c[1].equals("1")).mapToInt(c -> Integer.parseInt(c[3])).average().orElseThrow();
        double late = rows.stream().filter(c -> Integer.parseInt(c[1]) > 150).mapToInt(c -> Integer.parseInt(c[3])).average().orElseThrow();
        // Example 6.5: 170 episodes take about 8,000 steps, the first one hundreds. An independent numpy
        // implementation of the book's SARSA (50 seeds) gives 8,235 steps and 22.5 steps per episode over 151-170.
        double total = rows.stream().filter(c -> c[1].equals("170")).mapToLong(c -> Long.parseLong(c[4])).average().orElseThrow();
        assertThat(first).isGreaterThan(200);
        assertThat(total).isBetween(7_500.0, 9_000.0);
        assertThat(late).isBetween(17.0, 28.0);
    }

    @Test
    void sameSeedGivesIdenticalMetrics() throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        assertThat(Cli.run("run", Cli.scenario("cliff-walking-sarsa"), "--runs", "3", "--seed", "7", "--out", a.toString(), "--quiet").exit()).isZero();
        assertThat(Cli.run("run", Cli.scenario("cliff-walking-sarsa"), "--runs", "3", "--seed", "7", "--out", b.toString(), "--quiet").exit()).isZero();
        assertThat(withoutWallClock(a.resolve("metrics.csv"))).isEqualTo(withoutWallClock(b.resolve("metrics.csv")));
        Path c = tmp.resolve("c");
        assertThat(Cli.run("run", Cli.scenario("cliff-walking-sarsa"), "--runs", "3", "--seed", "8", "--out", c.toString(), "--quiet").exit()).isZero();
        assertThat(withoutWallClock(c.resolve("metrics.csv"))).isNotEqualTo(withoutWallClock(a.resolve("metrics.csv")));
    }

    static List<String> withoutWallClock(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(l -> {
            String[] c = l.split(",", -1);
            c[5] = "";
            return String.join(",", c);
        }).collect(Collectors.toList());
    }

    @Test
    void severalScenariosRunInOneProcessEachInItsOwnFolder() throws Exception {
        Path out = tmp.resolve("batch");
        Cli.Result r = Cli.run("run", Cli.scenario("cliff-walking-qlearning"), Cli.scenario("cliff-walking-sarsa"),
                "--runs", "2", "--set", "run.episodes=30", "--out", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("cliff-walking-qlearning/metrics.csv"))).hasSize(61);
        assertThat(Files.readAllLines(out.resolve("cliff-walking-sarsa/metrics.csv"))).hasSize(61);
        assertThat(Files.readString(out.resolve("cliff-walking-sarsa/scenario.yaml"))).contains("id: sarsa");
    }

    @Test
    void builtInScenarioRunsByName() {
        Cli.Result r = Cli.run("run", "cliff-walking-expected-sarsa", "--runs", "1", "--set", "run.episodes=20",
                "--out", tmp.resolve("n").toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void existingOutputFolderIsNeverOverwritten() throws Exception {
        Path out = tmp.resolve("used");
        Files.createDirectories(out);
        Files.writeString(out.resolve("metrics.csv"), "precious\n");
        Cli.Result r = Cli.run("run", Cli.scenario("cliff-walking-qlearning"), "--out", out.toString(), "--quiet");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("already exists");
        assertThat(Files.readString(out.resolve("metrics.csv"))).isEqualTo("precious\n");
    }
}
