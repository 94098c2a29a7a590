package dev.simlab.core.agent;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Averaged training figures (TD loss, mean Q…) an agent records as it learns, as
 * Stable-Baselines3's logger does with {@code record_mean}: the agent adds values, the run loop
 * owns the averaging window. At each metrics row the loop reads {@link #means()} (a pure read:
 * every env copy that ends its episode in the same step gets the same figures, and a viewer may
 * read as often as it likes) and then starts a new window with {@link #nextWindow()}.
 *
 * <p>Keys are declared up front with {@link #mean}, so they are columns from the first row
 * (NaN until a value arrives). One log per run; not thread-safe.
 */
public final class MetricLog {
    private final List<String> keys = new ArrayList<>();
    private final List<Mean> means = new ArrayList<>();

    /** One averaged figure; {@link #add} allocates nothing. */
    public static final class Mean {
        private double sum;
        private long count;

        public void add(double v) {
            sum += v;
            count++;
        }

        double value() {
            return count == 0 ? Double.NaN : sum / count;
        }
    }

    /** Declares (or returns the already declared) averaged figure {@code key}. */
    public Mean mean(String key) {
        int i = keys.indexOf(key);
        if (i >= 0) return means.get(i);
        Mean m = new Mean();
        keys.add(key);
        means.add(m);
        return m;
    }

    /** The mean of each figure over the current window (NaN where nothing was added); changes nothing. */
    public Map<String, Double> means() {
        if (keys.isEmpty()) return Map.of();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) out.put(keys.get(i), means.get(i).value());
        return Collections.unmodifiableMap(out);
    }

    /** Starts a new averaging window: the run loop calls this after writing a row. */
    public void nextWindow() {
        for (Mean m : means) {
            m.sum = 0;
            m.count = 0;
        }
    }

    /** The window in progress, so a resumed run averages exactly as the uninterrupted one. */
    public void save(CheckpointWriter out, String prefix) throws IOException {
        double[] sums = new double[means.size()];
        long[] counts = new long[means.size()];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = means.get(i).sum;
            counts[i] = means.get(i).count;
        }
        out.putString(prefix + "keys", String.join("\n", keys));
        out.putDoubles(prefix + "sums", sums);
        out.putLongs(prefix + "counts", counts);
    }

    public void restore(CheckpointReader in, String prefix) throws IOException {
        String names = in.getString(prefix + "keys");
        double[] sums = in.getDoubles(prefix + "sums");
        long[] counts = in.getLongs(prefix + "counts");
        String[] k = names.isEmpty() ? new String[0] : names.split("\n", -1);
        if (k.length != sums.length || k.length != counts.length) throw new IOException("checkpoint's metric window is inconsistent");
        for (int i = 0; i < k.length; i++) {
            Mean m = mean(k[i]);
            m.sum = sums[i];
            m.count = counts[i];
        }
    }
}
