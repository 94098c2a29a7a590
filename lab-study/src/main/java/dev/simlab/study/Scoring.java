package dev.simlab.study;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.run.EpisodeRecord;
import dev.simlab.core.run.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a study reads a trial's run folder: the objective (a {@code summary.json} figure averaged
 * over runs, or a window of a {@code metrics.csv} column) and the intermediate values pruning
 * compares (the runs' evaluation points, run 0's first, then run 1's…). Everything is read by
 * column and figure name from the files any launcher leaves behind.
 */
final class Scoring {
    private Scoring() {}

    /** The trial's objective value; NaN when a run reported no such figure. */
    static double objective(StudySpec.Objective o, Path trialDir) throws IOException {
        return o.windowed() ? window(o, trialDir) : figure(o.metric(), trialDir);
    }

    /** Each run's values of the objective, in run order (the seeds' scores for the statistics). */
    static double[] perRun(StudySpec.Objective o, Path trialDir) throws IOException {
        return o.windowed() ? windowPerRun(o, trialDir) : figurePerRun(o.metric(), trialDir);
    }

    private static double figure(String metric, Path dir) throws IOException {
        return mean(figurePerRun(metric, dir));
    }

    @SuppressWarnings("unchecked")
    static double[] figurePerRun(String metric, Path dir) throws IOException {
        Map<String, Object> summary = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("summary.json"), StandardCharsets.UTF_8));
        List<Map<String, Object>> runs = (List<Map<String, Object>>) summary.get("runs");
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) {
            Object x = runs.get(i).get(metric);
            if (!runs.get(i).containsKey(metric)) {
                throw new ConfigException("objective.metric", "", "'" + metric + "' is not a figure of this trial's summary.json; its figures: "
                        + String.join(", ", runs.get(i).keySet().stream().filter(k -> !List.of("run", "seed", "status", "error").contains(k)).toList()));
            }
            v[i] = x instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return v;
    }

    private static double window(StudySpec.Objective o, Path dir) throws IOException {
        return mean(windowPerRun(o, dir));
    }

    private static double[] windowPerRun(StudySpec.Objective o, Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int col = header.indexOf(o.metric());
        if (col < 0 && o.metric().endsWith("_mean")) col = header.indexOf(o.metric().substring(0, o.metric().length() - 5));
        if (col < 0) {
            throw new ConfigException("objective.metric", "", "'" + o.metric() + "' is not a metrics.csv column of this trial; columns: " + String.join(", ", header));
        }
        List<double[]> sums = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",", -1);
            int run = Integer.parseInt(c[0]);
            long episode = Long.parseLong(c[1]);
            if (episode < o.firstEpisode() || episode > o.lastEpisode() || c[col].isEmpty()) continue;
            while (sums.size() <= run) sums.add(new double[2]);
            sums.get(run)[0] += Double.parseDouble(c[col]);
            sums.get(run)[1]++;
        }
        double[] v = new double[sums.size()];
        for (int i = 0; i < v.length; i++) v[i] = sums.get(i)[1] == 0 ? Double.NaN : sums.get(i)[0] / sums.get(i)[1];
        return v;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /**
     * The evaluation figure pruning watches for an objective: {@code final_eval_X} watches
     * {@code eval_X}; a figure with an {@code eval_} column of its own ({@code high_quality})
     * watches that; anything else the greedy return {@code eval_return_mean}.
     */
    static String intermediateColumn(StudySpec.Objective o) {
        String m = o.metric();
        if (m.startsWith("final_eval_")) return "eval_" + m.substring("final_eval_".length());
        if (m.startsWith("eval_")) return m;
        if (List.of("return", "return_mean", "final_return_mean").contains(m)) return "eval_return_mean";
        return "eval_" + m;
    }

    /** The record's value of the watched evaluation figure, or NaN when this record has no evaluation. */
    static double intermediate(String column, EpisodeRecord r) {
        if (column.equals("eval_return_mean")) return r.evalReturnMean();
        Double v = r.evalInfoMeans().get(column);
        if (v == null && column.startsWith("eval_") && column.endsWith("_mean")) v = r.evalInfoMeans().get(column.substring(5, column.length() - 5));
        return v == null ? Double.NaN : v;
    }
}
