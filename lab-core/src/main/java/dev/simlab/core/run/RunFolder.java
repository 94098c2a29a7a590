package dev.simlab.core.run;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.scenario.Scenario;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run folder, owned by one process at a time: {@code .simlab.lock} is held (an OS file lock)
 * from creation or resume until {@link #close}, so a second {@code run --out D} or
 * {@code run --resume D} on the same folder is refused instead of corrupting it.
 *
 * <pre>
 *   scenario.yaml        resolved scenario + provenance
 *   metrics.csv          rows grouped by run (see {@link MetricsWriter})
 *   summary.json         status and per-run figures
 *   learning-curve.png   (RL) or run-NNN/ with samples and losses (GAN)
 *   checkpoints/run-NNN.ckpt
 *   tb/run-NNN/events.out.tfevents.*   TensorBoard scalars (unless run.tensorboard is false)
 * </pre>
 */
public final class RunFolder implements AutoCloseable {
    static final String LOCK = ".simlab.lock";
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunFolder(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public Path dir() {
        return dir;
    }

    public Path metrics() {
        return dir.resolve("metrics.csv");
    }

    public Path checkpoint(int run) {
        return dir.resolve("checkpoints").resolve(checkpointName(run));
    }

    public static String checkpointName(int run) {
        return String.format("run-%03d.ckpt", run);
    }

    /** A run's own sub-folder, for kinds that write per-run files (GAN samples and plots). */
    public Path runDir(int run) {
        return dir.resolve(String.format("run-%03d", run));
    }

    /** Run {@code run}'s TensorBoard event files ({@link TensorBoardLog}); {@code tensorboard --logdir} on the folder or above shows each run. */
    public Path tensorboard(int run) {
        return dir.resolve("tb").resolve(String.format("run-%03d", run));
    }

    /** {@code results/<name>-<time>}, made unique with a suffix: the folder a run gets when none is asked for. */
    public static Path defaultDir(Scenario scenario) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path d = Path.of("results", scenario.name() + "-" + stamp);
        for (int i = 2; Files.exists(d); i++) d = Path.of("results", scenario.name() + "-" + stamp + "-" + i);
        return d;
    }

    /** Creates (or takes an empty) folder for a new experiment and locks it. */
    public static RunFolder create(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new ConfigException(dir.toString(), "", "cannot create the run folder: " + reason(e));
        }
        RunFolder f = lock(dir);
        try (Stream<Path> s = Files.list(dir)) {
            if (s.anyMatch(p -> !p.getFileName().toString().equals(LOCK))) {
                f.close();
                throw new ConfigException(dir.toString(), "", "already exists and is not empty; choose another folder so no results are overwritten");
            }
        }
        return f;
    }

    private static RunFolder lock(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (FileSystemException e) {
            throw new ConfigException(dir.toString(), "", "cannot write in the run folder: " + reason(e));
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new ConfigException(dir.toString(), "", "is in use by another simlab process; wait for it to end or choose another folder");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new RunFolder(dir, ch, l);
    }

    /** The cause of a file-system failure in words ("read-only file system", "no space left on device"). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException fse && fse.getReason() != null) return fse.getReason().toLowerCase(java.util.Locale.ROOT);
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Identifies what a checkpoint belongs to: the resolved scenario without the keys that do not
     * change any run (how many runs, on how many threads, whether TensorBoard files are written).
     */
    public static String fingerprint(Scenario scenario) {
        Map<String, Object> m = scenario.resolvedWithout("runs", "threads", "tensorboard");
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(String.valueOf(m).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@link #resume} found: the first unfinished run, the header, and each run's checkpoint (null: start afresh). */
    record Resumed(int head, String header, List<CheckpointReader> checkpoints) {}

    /**
     * Locks an interrupted (or killed) folder and lays it out for {@link MetricsWriter#resume}.
     * Every checkpoint is checked against the folder first (it exists where the run has rows, it
     * belongs to this scenario and run, the folder has at least the rows it counts); any problem
     * is refused in one line before a file is touched. Then each run keeps exactly the rows its
     * checkpoint counts. Each file is replaced atomically, and each keeps at least what its
     * checkpoint counts, so a folder killed even during this step still resumes.
     */
    static RunFolder resume(Path dir, Scenario scenario, List<CheckpointReader> out, int[] head, String[] header) throws IOException {
        RunFolder f = lock(dir);
        try {
            f.layOut(scenario, out, head, header);
            return f;
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private void layOut(Scenario scenario, List<CheckpointReader> checkpoints, int[] headOut, String[] headerOut) throws IOException {
        int runs = scenario.run().runs();
        Path metrics = metrics();
        if (!Files.isRegularFile(metrics)) throw new ConfigException(dir.toString(), "", "nothing to resume: no metrics.csv in this folder");
        List<List<String>> fromMain = new ArrayList<>();
        for (int k = 0; k < runs; k++) fromMain.add(new ArrayList<>());
        String header = readRows(metrics, -1, runs, fromMain);
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < runs; k++) {
            List<List<String>> part = new ArrayList<>();
            for (int j = 0; j < runs; j++) part.add(j == k ? new ArrayList<>() : null);
            Path p = MetricsWriter.partFile(metrics, k);
            if (Files.exists(p)) readRows(p, k, runs, part);
            // both are prefixes of the run's rows (see MetricsWriter#appendPart): the longer one has more
            rows.add(part.get(k).size() > fromMain.get(k).size() ? part.get(k) : fromMain.get(k));
        }
        String fp = fingerprint(scenario);
        int head = runs;
        long[] keep = new long[runs];
        for (int k = 0; k < runs; k++) {
            Path ckpt = checkpoint(k);
            CheckpointReader r = null;
            if (Files.isDirectory(ckpt)) throw new ConfigException(ckpt.toString(), "", "is a directory, not a checkpoint file");
            if (Files.exists(ckpt)) {
                try {
                    r = new CheckpointReader(ckpt);
                    if (!fp.equals(r.getString("scenario"))) {
                        throw new ConfigException(ckpt.toString(), "", "is a checkpoint of another scenario than this folder's scenario.yaml; refusing to resume");
                    }
                    if (r.getLong("run") != k) {
                        throw new ConfigException(ckpt.toString(), "", "is run " + r.getLong("run") + "'s checkpoint, not run " + k + "'s");
                    }
                    keep[k] = r.getLong("rows");
                } catch (IOException e) {
                    throw new ConfigException(ckpt.toString(), "", "cannot resume from it: " + e.getMessage().replace(ckpt + ": ", "").replace(ckpt.toString(), "the file"));
                }
                if (rows.get(k).size() < keep[k]) {
                    throw new ConfigException(metrics.toString(), "", "run " + k + " has " + rows.get(k).size() + " rows but its checkpoint counts "
                            + keep[k] + "; the folder is not a consistent interrupted run");
                }
                if (head == runs && r.getLong("finished") == 0) head = k;
            } else {
                if (!rows.get(k).isEmpty()) {
                    throw new ConfigException(ckpt.toString(), "", "is missing but run " + k + " has " + rows.get(k).size()
                            + " rows in metrics.csv; was the checkpoint deleted? Refusing to restart the run silently");
                }
                if (head == runs) head = k;
            }
            checkpoints.add(r);
        }
        if (header == null && keep.length > 0 && java.util.Arrays.stream(keep).anyMatch(n -> n > 0)) {
            throw new ConfigException(metrics.toString(), "", "has no header line");
        }
        // checked: now lay the rows out as MetricsWriter.resume expects
        for (int k = head + 1; k < runs; k++) {
            Path p = MetricsWriter.partFile(metrics, k);
            if (keep[k] == 0) Files.deleteIfExists(p);
            else writeAtomically(p, null, rows.get(k).subList(0, (int) keep[k]));
        }
        List<String> main = new ArrayList<>();
        for (int k = 0; k <= head && k < runs; k++) main.addAll(rows.get(k).subList(0, (int) keep[k]));
        writeAtomically(metrics, header, main);
        for (int k = 0; k <= head && k < runs; k++) Files.deleteIfExists(MetricsWriter.partFile(metrics, k));
        headOut[0] = head;
        headerOut[0] = header;
    }

    /**
     * Reads complete rows (a last line without its newline was cut by a crash and is dropped) into
     * {@code byRun}; {@code onlyRun} ≥ 0 for a part file, whose rows must all be that run's.
     * Returns the header of a main file (null when it has none).
     */
    private static String readRows(Path file, int onlyRun, int runs, List<List<String>> byRun) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1;
        String[] lines = text.substring(0, end).split("\n", -1);
        String header = null;
        int first = 0;
        if (onlyRun < 0 && lines.length > 1) {
            header = lines[0];
            first = 1;
        }
        for (int i = first; i < lines.length - 1; i++) {
            String l = lines[i];
            int comma = l.indexOf(',');
            int run = -1;
            try {
                run = Integer.parseInt(comma < 0 ? l : l.substring(0, comma));
            } catch (NumberFormatException e) {
                // reported below
            }
            if (run < 0 || run >= runs || (onlyRun >= 0 && run != onlyRun)) {
                String shown = l.length() > 40 ? l.substring(0, 40) + "…" : l;
                throw new ConfigException(file + ":" + (i + 1), "", "not a row of this run folder ('" + shown + "'); "
                        + "rows start with a run index from 0 to " + (runs - 1) + ". Fix or delete the line to resume");
            }
            byRun.get(run).add(l);
        }
        return header;
    }

    private static void writeAtomically(Path target, String header, List<String> rows) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             var w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(java.nio.channels.Channels.newOutputStream(ch), StandardCharsets.UTF_8), 1 << 16)) {
            if (header != null) w.append(header).append('\n');
            for (String r : rows) w.append(r).append('\n');
            w.flush();
            ch.force(false);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The folder could not be written: one line naming it and the cause; what was finished is kept and resumable. */
    public static final class WriteFailure extends RuntimeException {
        public WriteFailure(Path dir, IOException cause) {
            super(dir + ": cannot write the run folder (" + reason(cause) + "); rows and checkpoints written so far are whole: "
                    + "free space and continue with simlab run --resume " + dir, cause);
        }
    }

    /** Cuts a half-written last row (a write that failed mid-line) from metrics.csv and the part files. */
    static void trimToWholeRows(Path metrics, int runs) {
        List<Path> files = new ArrayList<>();
        files.add(metrics);
        for (int k = 0; k < runs; k++) files.add(MetricsWriter.partFile(metrics, k));
        for (Path f : files) {
            if (!Files.isRegularFile(f)) continue;
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = ch.size();
                long pos = size;
                ByteBuffer b = ByteBuffer.allocate(1 << 16);
                while (pos > 0) {
                    int len = (int) Math.min(b.capacity(), pos);
                    b.clear().limit(len);
                    ch.read(b, pos - len);
                    int i = len - 1;
                    while (i >= 0 && b.get(i) != '\n') i--;
                    if (i >= 0) {
                        pos = pos - len + i + 1;
                        break;
                    }
                    pos -= len;
                }
                if (pos < size) ch.truncate(pos);
            } catch (IOException e) {
                // best effort: resume drops a half row anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) lock.release();
        } finally {
            // the lock file stays: deleting it would let two later processes lock two different files
            lockChannel.close();
        }
    }
}
