package dev.simlab.renderer;

import dev.simlab.core.scene.HudModel;
import dev.simlab.core.scene.Scene;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HUD's words and curve for one scene, as plain data: {@link Hud} draws them, tests read them
 * without a window. Fields come from the scene's {@link HudModel} (RL: episode, step, returns, the
 * agent's figures; GAN: iteration, losses, scores), then any extra numbers a plugin added; a
 * label appears once, and a value that is not a finite number reads "–", never NaN or Infinity.
 */
final class HudText {
    private HudText() {}

    record Row(String label, String value) {}

    /**
     * A sparkline of what the run records: RL episode returns (raw and a moving average), GAN
     * losses. {@code curves} hold finite values only, one point per bucket of rows.
     *
     * @param title what is drawn, with its row count
     * @param names one per curve
     * @param low the lowest value drawn ("" when nothing is)
     * @param high the highest value drawn
     */
    record Sparkline(String title, List<String> names, List<double[]> curves, double lo, double hi, String low, String high) {
        boolean empty() {
            return curves.stream().allMatch(c -> c.length < 2);
        }
    }

    static List<Row> rows(Scene scene) {
        Map<String, String> rows = new LinkedHashMap<>();
        HudModel m = scene.model();
        if (m instanceof HudModel.Rl rl) {
            if (rl.greedy()) rows.put("replay", "greedy");
            else rows.put("run", integer(rl.run()));
            rows.put(rl.done() ? "episodes" : "episode", integer(rl.episode()));
            if (!rl.done()) rows.put("step", integer(rl.episodeStep()));
            if (!rl.greedy()) rows.put("env steps", integer(rl.envSteps()));
            if (!rl.done()) rows.put("return", number(rl.episodeReturn()));
            rows.put("last return", number(rl.lastReturn()));
            if (Double.isFinite(rl.evalReturnMean())) rows.put("eval return", number(rl.evalReturnMean()));
            for (Map.Entry<String, Double> f : rl.figures().entrySet()) rows.putIfAbsent(label(f.getKey()), number(f.getValue()));
        } else if (m instanceof HudModel.Gan gan) {
            rows.put("run", integer(gan.run()));
            rows.put("iteration", integer(gan.iteration()));
            for (Map.Entry<String, Double> l : new java.util.TreeMap<>(gan.losses()).entrySet()) rows.putIfAbsent(label(l.getKey()), number(l.getValue()));
            for (String score : orderedScores(gan.scores())) {
                double v = gan.scores().get(score);
                rows.putIfAbsent(label(score), score.equals("high_quality") ? percent(v) : number(v));
            }
        }
        for (Scene.HudItem item : scene.hud()) rows.putIfAbsent(label(item.name()), number(item.value()));
        if (m != null && m.done()) rows.put("training", "done");
        List<Row> out = new ArrayList<>();
        rows.forEach((k, v) -> out.add(new Row(k, v)));
        return out;
    }

    /** The mode metrics first, in the order a reader looks for them. */
    private static List<String> orderedScores(Map<String, Double> scores) {
        List<String> names = new ArrayList<>();
        for (String first : List.of("modes_covered", "high_quality", "kl")) if (scores.containsKey(first)) names.add(first);
        new java.util.TreeMap<>(scores).keySet().stream().filter(k -> !names.contains(k)).forEach(names::add);
        return names;
    }

    /** A count in at most five characters: 950, 12,345 → 12.3k, 2,949,993 → 2.9M. */
    static String count(long n) {
        if (n < 10_000) return Long.toString(n);
        if (n < 1_000_000) return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }

    /** The sparkline for a scene: the rows of its run the model counts, at most {@code points} points per curve. */
    static Sparkline sparkline(HudModel m, RunHistory history, int points) {
        List<String> names = new ArrayList<>();
        List<double[]> curves = new ArrayList<>();
        String title;
        long n = m == null || history == null ? 0 : Math.min(m.rows(), history.rows());
        if (m instanceof HudModel.Gan) {
            for (String name : history == null ? List.<String>of() : new java.util.TreeSet<>(history.names())) {
                if (name.startsWith("eval_") || !name.contains("loss")) continue;
                names.add(label(name));
                curves.add(buckets(history.column(name, n), points));
            }
            title = "losses, " + n + (n == 1 ? " row" : " rows");
        } else {
            double[] raw = buckets(history == null ? new double[0] : history.column("return", n), points);
            names.add("return");
            curves.add(raw);
            names.add("moving average");
            curves.add(movingAverage(raw, Math.max(1, raw.length / 10)));
            // short enough for the HUD panel at any count: a tabular run's 2,949,993 episodes read 2.9M
            title = "returns, " + count(n) + (n == 1 ? " episode" : " episodes");
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] c : curves) {
            for (double v : c) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return new Sparkline(title, names, curves, 0, 1, "", "");
        if (!(hi > lo)) hi = lo + 1;
        return new Sparkline(title, names, curves, lo, hi, compact(lo), compact(hi));
    }

    /**
     * The grid view's learning-curve panel: what each run records (RL episode returns; GAN runs
     * their first loss), each run's moving average over the same buckets of rows, and their mean
     * over the episodes every run has reached (a mean over fewer runs further on would jump as the
     * slow runs drop out). Live: it reads every row heard so far.
     *
     * @param runs one curve per run, bucket {@code i} covering the same rows in every run
     * @param mean the mean of the runs' rows, smoothed alike, as long as the shortest run
     */
    record RunCurves(String title, List<double[]> runs, double[] mean, double lo, double hi, String low, String high) {
        boolean empty() {
            return runs.stream().allMatch(c -> c.length < 2);
        }
    }

    static RunCurves runCurves(List<RunHistory> histories, boolean gan, int points) {
        String column = "return";
        if (gan) {
            column = null;
            for (RunHistory h : histories) {
                for (String name : new java.util.TreeSet<>(h.names())) {
                    if (column == null && !name.startsWith("eval_") && name.contains("loss")) column = name;
                }
            }
        }
        List<double[]> raw = new ArrayList<>();
        int longest = 0, shortest = Integer.MAX_VALUE;
        for (RunHistory h : histories) {
            double[] r = column == null ? new double[0] : h.column(column, Long.MAX_VALUE);
            raw.add(r);
            longest = Math.max(longest, r.length);
            shortest = Math.min(shortest, r.length);
        }
        if (raw.isEmpty()) shortest = 0;
        int k = Math.max(1, (longest + points - 1) / points);
        int window = Math.max(1, longest / k / 10);
        List<double[]> runs = new ArrayList<>();
        for (double[] r : raw) runs.add(movingAverage(bucketsOf(r, k), window));
        double[] mean = new double[shortest];
        for (int i = 0; i < shortest; i++) {
            double sum = 0;
            int count = 0;
            for (double[] r : raw) {
                if (Double.isFinite(r[i])) {
                    sum += r[i];
                    count++;
                }
            }
            mean[i] = count > 0 ? sum / count : Double.NaN;
        }
        mean = movingAverage(bucketsOf(mean, k), window);
        // the y axis fits the last 90% of each curve, as the learning-curve plots do: the first episodes'
        // returns (-2,000 in cliff walking) would flatten the rest into a line (what falls outside is clipped)
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] c : runs) {
            for (int i = c.length / 10; i < c.length; i++) {
                lo = Math.min(lo, c[i]);
                hi = Math.max(hi, c[i]);
            }
        }
        String what = gan ? (column == null ? "losses" : label(column)) : "episode returns";
        String title = what + " of " + histories.size() + " runs (moving averages; white: their mean over the first " + shortest
                + (gan ? " rows" : shortest == 1 ? " episode" : " episodes") + "; y fits the last 90%)";
        if (lo > hi) return new RunCurves(title, runs, mean, 0, 1, "", "");
        if (!(hi > lo)) hi = lo + 1;
        return new RunCurves(title, runs, mean, lo, hi, compact(lo), compact(hi));
    }

    /** Means of consecutive runs of rows, so a long run fits in {@code points} points; non-finite values are skipped. */
    static double[] buckets(double[] values, int points) {
        return bucketsOf(values, Math.max(1, (values.length + points - 1) / points));
    }

    /** Means of {@code k} consecutive rows each (the last bucket may hold fewer); buckets without a finite value are left out. */
    static double[] bucketsOf(double[] values, int k) {
        int n = values.length;
        double[] out = new double[(n + k - 1) / k];
        int m = 0;
        for (int b = 0; b * k < n; b++) {
            double sum = 0;
            int count = 0;
            for (int i = b * k; i < Math.min(n, (b + 1) * k); i++) {
                if (Double.isFinite(values[i])) {
                    sum += values[i];
                    count++;
                }
            }
            if (count > 0) out[m++] = sum / count;
        }
        return java.util.Arrays.copyOf(out, m);
    }

    private static double[] movingAverage(double[] r, int window) {
        double[] out = new double[r.length];
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            sum += r[i];
            if (i >= window) sum -= r[i - window];
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    static String label(String name) {
        return switch (name) {
            case "epsilon" -> "ε";
            case "alpha" -> "α";
            case "gamma" -> "γ";
            case "high_quality" -> "high-quality share";
            case "kl" -> "mode KL";
            default -> name.replace('_', ' ');
        };
    }

    private static String integer(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A HUD number: whole numbers with thousands separators, others to 3 decimals; "–" for NaN and infinities. */
    static String number(double v) {
        if (!Double.isFinite(v)) return "–";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "–";
    }

    private static String compact(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
