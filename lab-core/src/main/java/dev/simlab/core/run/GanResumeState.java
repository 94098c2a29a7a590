package dev.simlab.core.run;

import dev.simlab.core.checkpoint.CheckpointReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an interrupted GAN experiment left in its folder, like {@link ResumeState} for RL runs:
 * per run the checkpoint's iteration and the metrics rows up to it (kept in a
 * {@link MetricsBackup} until the resumed experiment has rewritten {@code metrics.csv}).
 */
final class GanResumeState {
    private final MetricsBackup backup;
    private final Map<Integer, GanRun.Resume> runs = new HashMap<>();

    private GanResumeState(MetricsBackup backup) {
        this.backup = backup;
    }

    static GanResumeState read(Path dir, Path checkpoints, int runCount) throws IOException {
        GanResumeState state = new GanResumeState(MetricsBackup.open(dir));
        String[] names = state.backup.columns();
        for (int k = 0; k < runCount; k++) {
            Path ckpt = checkpoints.resolve(TrainingRun.checkpointName(k));
            if (!Files.exists(ckpt)) continue;
            long iterations = new CheckpointReader(ckpt).getLong("iterations");
            List<String> kept = new ArrayList<>();
            List<Long> its = new ArrayList<>();
            List<Map<String, Double>> losses = new ArrayList<>();
            double wall = 0;
            for (String[] c : state.backup.rows(k)) {
                long it = Long.parseLong(c[1]);
                if (it > iterations) continue;
                kept.add(String.join(",", c));
                wall = Double.parseDouble(c[2]);
                Map<String, Double> row = new HashMap<>();
                for (int j = 3; j < names.length && j < c.length; j++) {
                    if (!names[j].startsWith("eval_") && !c[j].isEmpty()) row.put(names[j], Double.parseDouble(c[j]));
                }
                its.add(it);
                losses.add(row);
            }
            state.backup.keep(k, kept);
            state.runs.put(k, new GanRun.Resume(iterations, wall, its.stream().mapToLong(Long::longValue).toArray(), losses));
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
        backup.preload(metrics);
    }

    void discardBackup() throws IOException {
        backup.discard();
    }
}
