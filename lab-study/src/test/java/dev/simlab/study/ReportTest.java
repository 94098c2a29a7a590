package dev.simlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports of hand-written study folders whose scores are known: the statistics against hand
 * arithmetic, the plots as images, the page as HTML and as a real browser draws it.
 */
class ReportTest {
    /** Four configurations × 5 seeds; aaaa04's last seed is an outlier that moves its mean but not its IQM. */
    static final Map<String, double[]> SEARCH_SCORES = new LinkedHashMap<>();

    static {
        SEARCH_SCORES.put("aaaa01", new double[] {10, 12, 14, 16, 18});
        SEARCH_SCORES.put("aaaa02", new double[] {20, 22, 24, 26, 28});
        SEARCH_SCORES.put("aaaa03", new double[] {30, 31, 32, 33, 34});
        SEARCH_SCORES.put("aaaa04", new double[] {5, 6, 7, 8, 100});
    }

    static final List<String> PLOTS = List.of("param-agent.lr.png", "param-agent.hidden.png", "param-agent.activation.png", "learning-curves.png",
            "iqm.png", "probability-of-improvement.png", "performance-profile.png");

    @TempDir
    Path tmp;

    @Test
    void searchReportHasTheHandComputedStatistics() throws IOException {
        Path study = searchStudy(tmp.resolve("sweep"));
        Path report = Report.writeStudy(study, searchSpec());

        Map<String, double[]> rows = statsRows(report.resolve("stats.csv"));
        // 4 statistics × 4 completed trials, then the 4 × 3 ordered pairs of the (at most 5) best
        assertThat(rows).hasSize(16 + 12);
        for (var e : SEARCH_SCORES.entrySet()) {
            double mean = java.util.Arrays.stream(e.getValue()).average().orElseThrow();
            double[] m = rows.get(e.getKey() + "/mean");
            assertThat(m[0]).isCloseTo(mean, within(1e-9));
            assertThat(m[1]).isLessThanOrEqualTo(mean);
            assertThat(m[2]).isGreaterThanOrEqualTo(mean);
        }
        // the outlier: mean 25.2, median 7, IQM of the middle three 6, 7, 8
        assertThat(rows.get("aaaa04/mean")[0]).isCloseTo(25.2, within(1e-9));
        assertThat(rows.get("aaaa04/median")[0]).isCloseTo(7, within(1e-9));
        assertThat(rows.get("aaaa04/iqm")[0]).isCloseTo(7, within(1e-9));
        // γ = 100, the best seed anywhere: aaaa03 falls short by 100 − 32 on average
        assertThat(rows.get("aaaa03/optimality_gap")[0]).isCloseTo(68, within(1e-9));
        assertThat(rows.get("aaaa04/optimality_gap")[0]).isCloseTo((95 + 94 + 93 + 92 + 0) / 5.0, within(1e-9));
        for (var e : rows.entrySet()) {
            double[] v = e.getValue();
            assertThat(v[1]).as(e.getKey()).isLessThanOrEqualTo(v[0]);
            assertThat(v[2]).as(e.getKey()).isGreaterThanOrEqualTo(v[0]);
        }
        // every seed of aaaa03 beats every seed of aaaa01
        assertThat(rows.get("aaaa03>aaaa01/probability_of_improvement")).containsExactly(1, 1, 1);
        assertThat(rows.get("aaaa01>aaaa03/probability_of_improvement")).containsExactly(0, 0, 0);
        assertThat(rows.get("aaaa02>aaaa04/probability_of_improvement")[0]).isCloseTo(hand(SEARCH_SCORES.get("aaaa02"), SEARCH_SCORES.get("aaaa04"), true), within(1e-12));

        // ranked best first (by the objective, the mean over seeds)
        List<String> lines = Files.readAllLines(report.resolve("stats.csv"));
        assertThat(lines.get(0)).isEqualTo("name,statistic,value,ci_low,ci_high");
        assertThat(lines.subList(1, 17).stream().map(l -> l.split(",")[0]).distinct().toList()).containsExactly("aaaa03", "aaaa04", "aaaa02", "aaaa01");
    }

    @Test
    void searchReportDrawsEveryPlotAndThePageShowsThem() throws IOException {
        Path report = Report.writeStudy(searchStudy(tmp.resolve("sweep")), searchSpec());
        for (String png : PLOTS) assertPlot(report.resolve(png));
        String html = Files.readString(report.resolve("index.html"));
        for (String png : PLOTS) assertThat(html).contains("<img src=\"" + png + "\"");
        try (var s = Files.list(report)) {
            // no plot the page leaves out
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))).containsExactlyInAnyOrderElementsOf(PLOTS);
        }
        assertThat(html).contains("<h1>sweep</h1>", "TPE search over 3 parameters", "final_eval_return_mean", "higher is better", "6 (4 completed, 1 pruned, 1 failed)");
        // the top configurations: trial, objective, parameters, seeds, wall seconds
        assertThat(html).containsPattern("<td class=\"name\">aaaa03</td><td>32</td>.*<td class=\"name\">0.003</td><td class=\"name\">64</td><td class=\"name\">relu</td><td>5</td><td>12.5</td>");
        assertThat(html).contains("<td class=\"name\">aaaa03&gt;aaaa01</td><td class=\"name\">probability_of_improvement</td><td>1</td>");
        assertThat(html).doesNotContain("<script", "http://", "https://");
        // the first table row is the best trial
        assertThat(html.indexOf("<td>1</td><td class=\"name\">aaaa03")).isPositive();
    }

    @Test
    void theSameFoldersGiveTheSameReport() throws IOException {
        Path study = searchStudy(tmp.resolve("sweep"));
        String first = Files.readString(Report.writeStudy(study, searchSpec()).resolve("stats.csv"));
        String second = Files.readString(Report.writeStudy(study, searchSpec()).resolve("stats.csv"));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void compareReportOfAMinObjectiveOnAStepBudget() throws IOException {
        Path study = tmp.resolve("cmp");
        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put("fast", new double[] {1, 2, 3, 4, 5});
        scores.put("mid", new double[] {3, 4, 5, 6, 7});
        scores.put("slow", new double[] {6, 7, 8, 9, 10});
        StringBuilder csv = new StringBuilder("trial,status,objective,scenario,seeds,wall_seconds\n");
        int k = 0;
        for (var e : scores.entrySet()) {
            String id = "bbbb0" + k++;
            csv.append(id).append(",completed,").append(mean(e.getValue())).append(",scenarios/").append(e.getKey()).append(".yaml,5,3.00\n");
            writeRlTrial(study.resolve("trials").resolve(id), "final_loss", e.getValue(), 5000);
        }
        Files.writeString(study.resolve("trials.csv"), csv.toString());
        StudySpec spec = new StudySpec("cmp.yaml", "cmp", List.of("scenarios/fast.yaml", "scenarios/mid.yaml", "scenarios/slow.yaml"), "compare", 0, 0,
                Map.of(), 5, new StudySpec.Objective("final_loss", 0, 0, false), Map.of("method", "none"), 0, 4);
        Path report = Report.writeStudy(study, spec);

        Map<String, double[]> rows = statsRows(report.resolve("stats.csv"));
        // every ordered pair of the compared scenarios
        assertThat(rows).hasSize(3 * 4 + 6);
        assertThat(rows.get("fast/mean")[0]).isCloseTo(3, within(1e-9));
        assertThat(rows.get("fast/mean")[1]).isLessThanOrEqualTo(3);
        assertThat(rows.get("fast/mean")[2]).isGreaterThanOrEqualTo(3);
        // γ = 1, the lowest seed: the gap is how far above it each seed lands
        assertThat(rows.get("fast/optimality_gap")[0]).isCloseTo(2, within(1e-9));
        assertThat(rows.get("slow/optimality_gap")[0]).isCloseTo(7, within(1e-9));
        // "beats" is "lower" for a min objective
        assertThat(rows.get("fast>slow/probability_of_improvement")[0]).isEqualTo(1);
        assertThat(rows.get("fast>mid/probability_of_improvement")[0]).isCloseTo(hand(scores.get("fast"), scores.get("mid"), false), within(1e-12));
        assertThat(rows.get("mid>fast/probability_of_improvement")[0]).isCloseTo(1 - hand(scores.get("fast"), scores.get("mid"), false), within(1e-12));
        assertThat(Files.readAllLines(report.resolve("stats.csv")).get(1)).startsWith("fast,mean,");

        for (String png : List.of("learning-curves.png", "iqm.png", "probability-of-improvement.png", "performance-profile.png")) assertPlot(report.resolve(png));
        String html = Files.readString(report.resolve("index.html"));
        assertThat(html).contains("lower is better", "<th class=\"name\">scenario</th>", "environment steps").doesNotContain("param-");
    }

    @Test
    void ganRunFoldersGetEvaluationCurves() throws IOException {
        List<Report.Group> groups = new ArrayList<>();
        StudySpec.Objective o = new StudySpec.Objective("high_quality", 0, 0, true);
        for (int g = 0; g < 2; g++) {
            Path dir = tmp.resolve("gan" + g);
            Files.createDirectories(dir);
            StringBuilder m = new StringBuilder("run,iteration,wall_seconds,d_loss,g_loss,eval_high_quality,eval_modes_covered\n");
            List<String> runs = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                for (int it = 0; it <= 2000; it += 100) {
                    boolean eval = it % 500 == 0;
                    double q = (0.5 + 0.2 * g) * it / 2000.0 + 0.01 * r;
                    m.append(r).append(',').append(it).append(",0.1,0.5,0.7,").append(eval ? f(q) : "").append(',').append(eval ? "8" : "").append('\n');
                }
                runs.add("{\"run\":" + r + ",\"seed\":" + r + ",\"status\":\"completed\",\"high_quality\":" + f((0.5 + 0.2 * g) + 0.01 * r) + "}");
            }
            Files.writeString(dir.resolve("metrics.csv"), m.toString());
            Files.writeString(dir.resolve("summary.json"), "{\"status\":\"completed\",\"runs\":[" + String.join(",", runs) + "]}");
            groups.add(Report.group("gan" + g, List.of(dir), o, Map.of(), Double.NaN));
        }
        Path report = tmp.resolve("report");
        Report.write(report, new Report.Subject("compare", "Two GAN folders", o, true, List.of(), List.of()), groups);
        assertPlot(report.resolve("learning-curves.png"));
        assertThat(Files.readString(report.resolve("index.html"))).contains("eval_high_quality against iteration");
        assertThat(statsRows(report.resolve("stats.csv")).get("gan1/mean")[0]).isCloseTo(0.71, within(1e-9));
    }

    @Test
    void aStudyWithNoCompletedTrialStillGetsAPage() throws IOException {
        Path study = tmp.resolve("none");
        Files.createDirectories(study);
        Files.writeString(study.resolve("trials.csv"), "trial,status,objective,agent.lr,agent.hidden,agent.activation,seeds,wall_seconds\n"
                + "cccc01,failed,,0.001,32,relu,5,0.10\n");
        Path report = Report.writeStudy(study, searchSpec());
        assertThat(Files.readAllLines(report.resolve("stats.csv"))).containsExactly("name,statistic,value,ci_low,ci_high");
        assertThat(Files.readString(report.resolve("index.html"))).contains("No configuration has a score yet", "1 (1 failed)").doesNotContain("<img");
    }

    @Test
    void trailingWindowAveragesTheEpisodesThatEndedInIt() {
        double[] xs = {1, 2, 3, 4, 10}, ys = {1, 2, 3, 4, 10};
        double[] s = LearningCurves.sample(xs, ys, new double[] {0, 2, 4, 8, 10}, 2);
        // (g-2, g]: nothing before the first, {1, 2}, {3, 4}, none (the last value, 4), {10}
        assertThat(s[0]).isNaN();
        assertThat(s[1]).isEqualTo(1.5);
        assertThat(s[2]).isEqualTo(3.5);
        assertThat(s[3]).isEqualTo(4);
        assertThat(s[4]).isEqualTo(10);
    }

    /** The page as Chromium draws it: the screenshot must show the plots, not a blank page or broken images. */
    @Test
    void chromiumRendersThePage() throws Exception {
        String chromium = onPath("chromium");
        if (chromium == null) {
            // CI installs Debian's chromium (.ci/run sets SIMLAB_CI=1): there a missing browser is a failure, not a skip
            assertThat(System.getenv("SIMLAB_CI")).as("SIMLAB_CI=1 but chromium is not on the PATH").isNotEqualTo("1");
            Assumptions.abort("chromium is not on the PATH");
        }
        Path report = Report.writeStudy(searchStudy(tmp.resolve("sweep")), searchSpec());
        Path shot = tmp.resolve("screenshot.png");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--screenshot=" + shot,
                "--window-size=1200,1600", report.resolve("index.html").toUri().toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(shot).as(Files.readString(tmp.resolve("chromium.log"))).exists();
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        // the tables, the text and at least the first plot with its coloured series
        assertThat(colours(img)).isGreaterThan(50);
        assertThat(nonWhiteFraction(img)).isGreaterThan(0.02);
    }

    // ---- the synthetic study

    static StudySpec searchSpec() {
        Map<String, Map<String, Object>> space = new LinkedHashMap<>();
        space.put("agent.lr", Map.of("range", List.of(1e-4, 1e-2), "log", true));
        space.put("agent.hidden", Map.of("values", List.of(32, 64)));
        space.put("agent.activation", Map.of("values", List.of("relu", "tanh")));
        return new StudySpec("sweep.yaml", "sweep", List.of("scenarios/cartpole.yaml"), "tpe", 6, 0, space, 5,
                new StudySpec.Objective("final_eval_return_mean", 0, 0, true), Map.of("method", "none"), 0, 4);
    }

    /** trials.csv and four completed trial folders; a pruned and a failed trial have no folder the report reads. */
    static Path searchStudy(Path study) throws IOException {
        String[][] params = {{"0.0001", "32", "relu"}, {"0.001", "64", "tanh"}, {"0.003", "64", "relu"}, {"0.01", "32", "tanh"}};
        StringBuilder csv = new StringBuilder("trial,status,objective,agent.lr,agent.hidden,agent.activation,seeds,wall_seconds\n");
        int i = 0;
        for (var e : SEARCH_SCORES.entrySet()) {
            String[] p = params[i++];
            csv.append(e.getKey()).append(",completed,").append(mean(e.getValue())).append(',').append(String.join(",", p)).append(",5,12.50\n");
            writeRlTrial(study.resolve("trials").resolve(e.getKey()), "final_eval_return_mean", e.getValue(), 0);
        }
        csv.append("aaaa05,pruned,3,0.005,32,relu,5,2.00\n");
        csv.append("aaaa06,failed,,0.0002,64,tanh,5,0.50\n");
        Files.writeString(study.resolve("trials.csv"), csv.toString());
        return study;
    }

    /**
     * A trial folder of 5 RL runs whose figure {@code metric} is each run's score. Returns climb
     * towards the score; with a {@code stepBudget} episodes get longer as the agent improves, so
     * seeds reach the budget after different numbers of episodes, as they do in real runs.
     */
    static void writeRlTrial(Path dir, String metric, double[] scores, long stepBudget) throws IOException {
        Files.createDirectories(dir);
        StringBuilder m = new StringBuilder("run,episode,return,length,env_steps,wall_seconds,epsilon,eval_return_mean,eval_return_std\n");
        List<String> runs = new ArrayList<>();
        for (int r = 0; r < scores.length; r++) {
            long steps = 0;
            for (int e = 1; stepBudget > 0 ? steps < stepBudget : e <= 120; e++) {
                int len = stepBudget > 0 ? 10 + (e * (r + 1)) % 40 : 20;
                steps += len;
                double ret = scores[r] * Math.min(1, e / 80.0) + ((e * 7 + r * 3) % 5 - 2);
                boolean eval = e % 20 == 0;
                m.append(r).append(',').append(e).append(',').append(f(ret)).append(',').append(len).append(',').append(steps).append(",0.5,0.1,")
                        .append(eval ? f(scores[r]) : "").append(',').append(eval ? "0" : "").append('\n');
            }
            runs.add("{\"run\":" + r + ",\"seed\":" + r + ",\"status\":\"completed\",\"" + metric + "\":" + f(scores[r]) + ",\"episodes\":120}");
        }
        Files.writeString(dir.resolve("metrics.csv"), m.toString());
        Files.writeString(dir.resolve("summary.json"), "{\"scenario\":\"x\",\"status\":\"completed\",\"runs\":[" + String.join(",", runs) + "]}");
        Files.writeString(dir.resolve("scenario.yaml"), "name: x\nrun:\n  runs: 5\n  seed: 0\n  episodes: " + (stepBudget > 0 ? 0 : 120) + "\n  steps: " + stepBudget + "\n");
    }

    // ---- helpers

    /** stats.csv as "name/statistic" → {value, ci_low, ci_high}. */
    static Map<String, double[]> statsRows(Path csv) throws IOException {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String l : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            List<String> f = Report.csvFields(l);
            out.put(f.get(0) + "/" + f.get(1), new double[] {Double.parseDouble(f.get(2)), Double.parseDouble(f.get(3)), Double.parseDouble(f.get(4))});
        }
        return out;
    }

    /** P(a seed of x beats a seed of y), ties half, by counting all pairs. */
    static double hand(double[] x, double[] y, boolean higher) {
        double wins = 0;
        for (double a : x) for (double b : y) wins += a == b ? 0.5 : (higher ? a > b : a < b) ? 1 : 0;
        return wins / (x.length * y.length);
    }

    static void assertPlot(Path png) throws IOException {
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).as(png.toString()).isEqualTo(ReportCharts.WIDTH);
        assertThat(img.getHeight()).as(png.toString()).isEqualTo(ReportCharts.HEIGHT);
        // axes, text and at least one coloured series: a blank or single-colour image has few
        assertThat(colours(img)).as(png.toString()).isGreaterThan(10);
        assertThat(nonWhiteFraction(img)).as(png.toString()).isGreaterThan(0.01);
    }

    static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) for (int x = 0; x < img.getWidth(); x += 2) seen.add(img.getRGB(x, y) & 0xffffff);
        return seen.size();
    }

    static double nonWhiteFraction(BufferedImage img) {
        long n = 0, all = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                all++;
                if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) n++;
            }
        }
        return (double) n / all;
    }

    static String onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

}
