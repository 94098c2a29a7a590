package dev.simlab.core.run;

import dev.simlab.core.param.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an interrupted experiment left in its folder: per run, the checkpoint's counters and the
 * metrics rows up to that checkpoint (kept in a {@link MetricsBackup} until the resumed
 * experiment has rewritten {@code metrics.csv}).
 */
final class ResumeState {
    private final MetricsBackup backup;
    private final Map<Integer, TrainingRun.Resume> runs = new HashMap<>();

    private ResumeState(MetricsBackup backup) {
        this.backup = backup;
    }

    static ResumeState read(Path dir, Path checkpoints, int runCount) throws IOException {
        ResumeState state = new ResumeState(MetricsBackup.open(dir));
        for (int k = 0; k < runCount; k++) {
            Path ckpt = checkpoints.resolve(TrainingRun.checkpointName(k));
            if (!Files.exists(ckpt)) continue;
            long[] counters = TrainingRun.readCounters(ckpt);
            long episodes = counters[1];
            List<String> kept = new ArrayList<>();
            double[] returns = new double[(int) episodes];
            int[] lengths = new int[(int) episodes];
            double wall = 0;
            for (String[] c : state.backup.rows(k)) {
                long e = Long.parseLong(c[1]);
                if (e > episodes) continue;
                kept.add(String.join(",", c));
                returns[(int) e - 1] = Double.parseDouble(c[2]);
                lengths[(int) e - 1] = Integer.parseInt(c[3]);
                wall = Double.parseDouble(c[5]);
            }
            if (kept.size() != episodes) {
                throw new ConfigException(state.backup.file.toString(), "", "run " + k + " has " + kept.size()
                        + " rows but its checkpoint is at episode " + episodes + "; the folder is not a consistent interrupted run");
            }
            state.backup.keep(k, kept);
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
        backup.preload(metrics);
    }

    void discardBackup() throws IOException {
        backup.discard();
    }
}
