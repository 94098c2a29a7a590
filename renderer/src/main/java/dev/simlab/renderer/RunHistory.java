package dev.simlab.renderer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code metrics.csv} rows of one run as the viewer heard them (from the run listener), one
 * column per figure the sparkline may draw: RL {@code return} and {@code eval_return_mean}, GAN
 * runs their losses and evaluation scores. Rows are kept whole, so a scene that says "this run had
 * written n rows" gets exactly those n (a recorded frame of episode 1 shows an empty curve). The
 * training thread appends, the window reads.
 */
final class RunHistory {
    private final Map<String, double[]> columns = new LinkedHashMap<>();
    private int rows;

    /** One row by column name (a GAN's losses and scores); see {@link #add(String[], double[])}. */
    void add(Map<String, Double> row) {
        String[] names = new String[row.size()];
        double[] values = new double[row.size()];
        int i = 0;
        for (Map.Entry<String, Double> e : row.entrySet()) {
            names[i] = e.getKey();
            values[i++] = e.getValue() == null ? Double.NaN : e.getValue();
        }
        add(names, values);
    }

    /**
     * One row: {@code values[i]} in column {@code names[i]}, NaN in the columns it lacks. An RL
     * run's viewer adds one per episode, hundreds of thousands a second for a tabular agent,
     * so this takes no map and boxes nothing.
     */
    synchronized void add(String[] names, double[] values) {
        for (String name : names) if (!columns.containsKey(name)) columns.put(name, filledNaN(Math.max(16, rows * 2), 0));
        for (Map.Entry<String, double[]> c : columns.entrySet()) {
            double[] a = c.getValue();
            if (rows == a.length) c.setValue(a = Arrays.copyOf(a, rows * 2));
            a[rows] = Double.NaN;
        }
        for (int i = 0; i < names.length; i++) columns.get(names[i])[rows] = values[i];
        rows++;
    }

    private static double[] filledNaN(int capacity, int from) {
        double[] a = new double[capacity];
        Arrays.fill(a, from, capacity, Double.NaN);
        return a;
    }

    synchronized int rows() {
        return rows;
    }

    /** The first {@code n} rows of a column (fewer if fewer were heard), or none. */
    synchronized double[] column(String name, long n) {
        double[] a = columns.get(name);
        return a == null ? new double[0] : Arrays.copyOf(a, (int) Math.min(n, rows));
    }

    /** Column names in the order first heard. */
    synchronized java.util.List<String> names() {
        return java.util.List.copyOf(columns.keySet());
    }
}
