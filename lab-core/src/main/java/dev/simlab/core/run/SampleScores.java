package dev.simlab.core.run;

import dev.simlab.core.data.Dataset;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.scenario.GanScenario;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code simlab score}: samples from any generator (a SimLab run's {@code samples.csv}, or the same
 * format written by another library) scored with a GAN scenario's dataset exactly as SimLab's own
 * evaluation points score them: mode coverage for mixtures, the dataset's image scores (classifier
 * confidence and entropy, k-NN precision and recall, the Fréchet distance in the scoring
 * classifier's features) for images. So a PyTorch GAN and a SimLab GAN are compared by one scorer.
 *
 * <p>The file: a header, then one sample per row of {@link Dataset#dimension()} values (the
 * header's names are not read, only counted), optionally after a leading {@code label} column (the
 * class each sample was generated for: a conditional generator, scored by how often the classifier
 * reads that class).
 */
public final class SampleScores {
    private SampleScores() {}

    /** The samples of {@code csv} scored with {@code scenario}'s dataset, figures by name (no {@code eval_} prefix). */
    public static Map<String, Double> score(GanScenario scenario, Path csv) throws IOException {
        Dataset data;
        try {
            data = GanRun.makeDataset(scenario);
        } catch (ConfigException e) {
            throw e.in(scenario.source(), "dataset.id");
        }
        Samples s = read(csv, data.dimension(), data.classes());
        Map<String, Double> out = new LinkedHashMap<>();
        GanRun.score(data, s.values, s.n, s.labels).forEach((k, v) -> out.put(k.substring("eval_".length()), v));
        return out;
    }

    /** Samples read from a file: {@code n} rows of values and, where the file has a label column, their classes. */
    record Samples(float[] values, int n, int[] labels) {}

    static Samples read(Path csv, int dim, int classes) throws IOException {
        if (!Files.isRegularFile(csv)) throw new ConfigException(csv.toString(), "", "no such samples file");
        String file = csv.toString();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || header.isBlank()) throw new ConfigException(file, "", "is empty: expected a header line, then one sample per row");
            String[] names = header.split(",", -1);
            boolean labelled = names[0].trim().equals("label");
            int columns = dim + (labelled ? 1 : 0);
            if (names.length != columns) {
                throw new ConfigException(file + ":1", "", "the header has " + names.length + " columns; this dataset's samples have " + dim
                        + " values" + (labelled ? " after the label column" : "") + (classes > 0 && !labelled ? " (optionally after a 'label' column)" : ""));
            }
            if (labelled && classes <= 0) throw new ConfigException(file + ":1", "label", "this dataset has no classes: remove the label column");
            float[] values = new float[1024 * dim];
            int[] labels = labelled ? new int[1024] : null;
            int n = 0, line = 1;
            for (String row; (row = r.readLine()) != null; ) {
                line++;
                if (row.isBlank()) continue;
                if (n * dim == values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                    if (labels != null) labels = Arrays.copyOf(labels, labels.length * 2);
                }
                String[] cells = row.split(",", -1);
                if (cells.length != columns) {
                    throw new ConfigException(file + ":" + line, "", cells.length + " values; the header has " + columns);
                }
                int off = 0;
                if (labelled) {
                    int c = parseLabel(cells[0], classes, file + ":" + line);
                    labels[n] = c;
                    off = 1;
                }
                for (int j = 0; j < dim; j++) {
                    float v;
                    try {
                        v = Float.parseFloat(cells[off + j].trim());
                    } catch (NumberFormatException e) {
                        throw new ConfigException(file + ":" + line, names[off + j].trim(), "'" + cells[off + j] + "' is not a number");
                    }
                    if (!Float.isFinite(v)) throw new ConfigException(file + ":" + line, names[off + j].trim(), v + " is not a finite number");
                    values[n * dim + j] = v;
                }
                n++;
            }
            if (n == 0) throw new ConfigException(file, "", "has a header but no samples");
            return new Samples(Arrays.copyOf(values, n * dim), n, labels == null ? null : Arrays.copyOf(labels, n));
        }
    }

    private static int parseLabel(String cell, int classes, String where) {
        try {
            int c = Integer.parseInt(cell.trim());
            if (c >= 0 && c < classes) return c;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(where, "label", "'" + cell + "' is not a class of this dataset: expected 0 to " + (classes - 1));
    }
}
