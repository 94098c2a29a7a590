package dev.simlab.core.run;

import dev.simlab.core.checkpoint.CheckpointReader;
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
 * What an interrupted GAN experiment left in its folder, like {@link ResumeState} for RL runs:
 * per run the checkpoint's iteration and the metrics rows up to it. The old {@code metrics.csv}
 * is kept as {@code metrics.csv.before-resume} until the resumed experiment has rewritten it.
 */
final class GanResumeState {
    private final Path backup;
    private final String header;
    private final Map<Integer, List<String>> rows = new HashMap<>();
    private final Map<Integer, GanRun.Resume> runs = new HashMap<>();

    private GanResumeState(Path backup, String header) {
        this.backup = backup;
        this.header = header;
    }

    static GanResumeState read(Path dir, Path checkpoints, int runCount) throws IOException {
        Path metrics = dir.resolve("metrics.csv");
        Path backup = dir.resolve("metrics.csv.before-resume");
        if (!Files.exists(backup)) {
            if (!Files.exists(metrics)) throw new ConfigException(dir.toString(), "", "nothing to resume: no metrics.csv in this folder");
            Files.move(metrics, backup, StandardCopyOption.ATOMIC_MOVE);
        }
        List<String> lines = Files.readAllLines(backup, StandardCharsets.UTF_8);
        String header = lines.isEmpty() ? null : lines.get(0);
        GanResumeState state = new GanResumeState(backup, header);
        String[] names = header == null ? new String[0] : header.split(",", -1);
        Map<Integer, List<String[]>> byRun = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",", -1);
            byRun.computeIfAbsent(Integer.parseInt(c[0]), k -> new ArrayList<>()).add(c);
        }
        for (int k = 0; k < runCount; k++) {
            Path ckpt = checkpoints.resolve(TrainingRun.checkpointName(k));
            if (!Files.exists(ckpt)) continue;
            long iterations = new CheckpointReader(ckpt).getLong("iterations");
            List<String> kept = new ArrayList<>();
            List<long[]> its = new ArrayList<>();
            List<Map<String, Double>> losses = new ArrayList<>();
            double wall = 0;
            for (String[] c : byRun.getOrDefault(k, List.of())) {
                long it = Long.parseLong(c[1]);
                if (it > iterations) continue;
                kept.add(String.join(",", c));
                wall = Double.parseDouble(c[2]);
                Map<String, Double> row = new HashMap<>();
                for (int j = 3; j < names.length && j < c.length; j++) {
                    if (!names[j].startsWith("eval_") && !c[j].isEmpty()) row.put(names[j], Double.parseDouble(c[j]));
                }
                its.add(new long[] {it});
                losses.add(row);
            }
            state.rows.put(k, kept);
            long[] itArray = new long[its.size()];
            for (int i = 0; i < itArray.length; i++) itArray[i] = its.get(i)[0];
            state.runs.put(k, new GanRun.Resume(iterations, wall, itArray, losses));
        }
        return state;
    }

    boolean has(int run) {
        return runs.containsKey(run);
    }

    GanRun.Resume of(int run) {
        return runs.get(run);
    }

    void preload(MetricsWriter metrics) {
        if (header == null) return;
        List<Integer> order = new ArrayList<>(rows.keySet());
        order.sort(null);
        for (int k : order) metrics.preload(header, k, rows.get(k));
    }

    void discardBackup() throws IOException {
        Files.deleteIfExists(backup);
    }
}
