package dev.simlab.core.run;

import dev.simlab.core.param.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code metrics.csv} of an interrupted experiment, moved aside as
 * {@code metrics.csv.before-resume} until the resumed experiment has rewritten it, with its rows
 * split by run. RL ({@link ResumeState}) and GAN ({@link GanResumeState}) resumes read their
 * runs' rows from it, {@link #keep} those up to each checkpoint, and {@link #preload} them into
 * the new file.
 */
final class MetricsBackup {
    final Path file;
    final String header;
    private final Map<Integer, List<String[]>> byRun = new HashMap<>();
    private final Map<Integer, List<String>> kept = new HashMap<>();

    private MetricsBackup(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    static MetricsBackup open(Path dir) throws IOException {
        Path metrics = dir.resolve("metrics.csv");
        Path backup = dir.resolve("metrics.csv.before-resume");
        if (!Files.exists(backup)) {
            if (!Files.exists(metrics)) throw new ConfigException(dir.toString(), "", "nothing to resume: no metrics.csv in this folder");
            Files.move(metrics, backup, StandardCopyOption.ATOMIC_MOVE);
        }
        List<String> lines = Files.readAllLines(backup, StandardCharsets.UTF_8);
        MetricsBackup b = new MetricsBackup(backup, lines.isEmpty() ? null : lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",", -1);
            b.byRun.computeIfAbsent(Integer.parseInt(c[0]), k -> new ArrayList<>()).add(c);
        }
        return b;
    }

    /** The header's column names (none for an empty file). */
    String[] columns() {
        return header == null ? new String[0] : header.split(",", -1);
    }

    /** Run {@code run}'s rows, split into cells, in file order. */
    List<String[]> rows(int run) {
        return byRun.getOrDefault(run, List.of());
    }

    /** The rows of {@code run} the resumed experiment keeps (those up to its checkpoint). */
    void keep(int run, List<String> rows) {
        kept.put(run, rows);
    }

    void preload(MetricsWriter metrics) {
        if (header == null) return;
        List<Integer> order = new ArrayList<>(kept.keySet());
        order.sort(null);
        for (int k : order) metrics.preload(header, k, kept.get(k));
    }

    void discard() throws IOException {
        Files.deleteIfExists(file);
    }
}
