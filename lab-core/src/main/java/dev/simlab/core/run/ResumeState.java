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
 * What an interrupted experiment left in its folder: per run, the checkpoint's counters and the
 * metrics rows up to that checkpoint. The old {@code metrics.csv} is kept as
 * {@code metrics.csv.before-resume} until the resumed experiment has rewritten it.
 */
final class ResumeState {
    private final Path backup;
    private final String header;
    private final Map<Integer, List<String>> rows = new HashMap<>();
    private final Map<Integer, TrainingRun.Resume> runs = new HashMap<>();

    private ResumeState(Path backup, String header) {
        this.backup = backup;
        this.header = header;
    }

    static ResumeState read(Path dir, Path checkpoints, int runCount) throws IOException {
        Path metrics = dir.resolve("metrics.csv");
        Path backup = dir.resolve("metrics.csv.before-resume");
        if (!Files.exists(backup)) {
            if (!Files.exists(metrics)) throw new ConfigException(dir.toString(), "", "nothing to resume: no metrics.csv in this folder");
            Files.move(metrics, backup, StandardCopyOption.ATOMIC_MOVE);
        }
        List<String> lines = Files.readAllLines(backup, StandardCharsets.UTF_8);
        String header = lines.isEmpty() ? null : lines.get(0);
        ResumeState state = new ResumeState(backup, header);
        Map<Integer, List<String[]>> byRun = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",", -1);
            byRun.computeIfAbsent(Integer.parseInt(c[0]), k -> new ArrayList<>()).add(c);
        }
        for (int k = 0; k < runCount; k++) {
            Path ckpt = checkpoints.resolve(TrainingRun.checkpointName(k));
            if (!Files.exists(ckpt)) continue;
            long[] counters = TrainingRun.readCounters(ckpt);
            long episodes = counters[1];
            List<String> kept = new ArrayList<>();
            double[] returns = new double[(int) episodes];
            int[] lengths = new int[(int) episodes];
            double wall = 0;
            for (String[] c : byRun.getOrDefault(k, List.of())) {
                long e = Long.parseLong(c[1]);
                if (e > episodes) continue;
                kept.add(String.join(",", c));
                returns[(int) e - 1] = Double.parseDouble(c[2]);
                lengths[(int) e - 1] = Integer.parseInt(c[3]);
                wall = Double.parseDouble(c[5]);
            }
            if (kept.size() != episodes) {
                throw new ConfigException(backup.toString(), "", "run " + k + " has " + kept.size() + " rows but its checkpoint is at episode "
                        + episodes + "; the folder is not a consistent interrupted run");
            }
            state.rows.put(k, kept);
            state.runs.put(k, new TrainingRun.Resume(episodes, counters[2], wall, returns, lengths));
        }
        return state;
    }

    boolean has(int run) {
        return runs.containsKey(run);
    }

    TrainingRun.Resume of(int run) {
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
