package dev.simlab.renderer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import javax.imageio.ImageIO;

/**
 * Writes recorded episodes like Gymnasium's RecordVideo: which episodes is a schedule over
 * episode ids (from 0), by default the capped cubic one (0, 1, 8, 27, …, 729, then every 1000th);
 * each clip becomes {@code episode-NNNNNN/frame-NNNNN.png} plus {@code episode-NNNNNN.gif} and
 * {@code episode-NNNNNN.mp4} (H.264, {@link Mp4Writer}).
 * Frames are encoded as they come, on their own thread, so the window keeps its frame rate and
 * a long episode is never held in memory.
 */
public final class EpisodeRecorder implements AutoCloseable {
    /** Gymnasium's {@code capped_cubic_video_schedule}. */
    public static final LongPredicate CAPPED_CUBIC = id -> id < 1000 ? Math.round(Math.cbrt(id)) * Math.round(Math.cbrt(id)) * Math.round(Math.cbrt(id)) == id : id % 1000 == 0;
    public static final LongPredicate EVERY_EPISODE = id -> true;

    private final Path dir;
    private final LongPredicate schedule;
    private final double fps;
    private final ExecutorService encoder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "simlab-recorder");
        t.setDaemon(true);
        return t;
    });
    private final List<Path> written = new ArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    // touched only on the encoder thread
    private GifWriter gif;
    private Mp4Writer mp4;
    private Path gifFile, mp4File, frameDir;
    private int frameIndex;
    private boolean open;

    public EpisodeRecorder(Path dir, LongPredicate schedule, double fps) {
        this.dir = dir;
        this.schedule = schedule;
        this.fps = fps;
    }

    public boolean due(long episodeId) {
        return schedule.test(episodeId);
    }

    /** Frames handed over but not yet encoded: the window stops feeding frames while this is high. */
    int backlog() {
        return pending.get();
    }

    private long clipId = -1;

    void begin(long episodeId) {
        open = true;
        submit(() -> {
            finish();
            clipId = episodeId; // files appear with the first frame: a clip that gets none leaves nothing behind
        });
    }

    boolean recording() {
        return open;
    }

    void add(BufferedImage frame) {
        if (!open) return;
        submit(() -> {
            if (gif == null) {
                if (clipId < 0) return;
                String name = String.format("episode-%06d", clipId);
                frameDir = dir.resolve(name);
                Files.createDirectories(frameDir);
                gifFile = dir.resolve(name + ".gif");
                gif = new GifWriter(gifFile, fps);
                mp4File = dir.resolve(name + ".mp4");
                mp4 = new Mp4Writer(mp4File, fps, frame.getWidth(), frame.getHeight());
                frameIndex = 0;
            }
            ImageIO.write(frame, "png", frameDir.resolve(String.format("frame-%05d.png", frameIndex++)).toFile());
            gif.add(frame);
            mp4.add(frame);
        });
    }

    void end() {
        if (!open) return;
        open = false;
        submit(this::finish);
    }

    private interface Task {
        void run() throws IOException;
    }

    private void submit(Task t) {
        pending.incrementAndGet();
        encoder.submit(() -> {
            try {
                t.run();
            } catch (IOException e) {
                System.err.println("warning: recording: " + e.getMessage());
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private void finish() throws IOException {
        clipId = -1;
        if (gif == null) return;
        try {
            gif.close();
            mp4.close();
        } finally {
            gif = null;
            mp4 = null;
        }
        synchronized (written) {
            written.add(gifFile);
            written.add(mp4File);
        }
    }

    /** The clips written so far: each episode's GIF, then its MP4. */
    public List<Path> clips() {
        synchronized (written) {
            return List.copyOf(written);
        }
    }

    /** Ends the current clip and waits for every clip to be written. */
    @Override
    public void close() {
        end();
        encoder.shutdown();
        try {
            encoder.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
