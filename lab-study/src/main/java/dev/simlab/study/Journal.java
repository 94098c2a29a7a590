package dev.simlab.study;

import dev.simlab.core.run.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code journal.jsonl}: the study's append-only record, one event per line, each on disk (fsync)
 * before the coordinator acts on it, so {@code kill -9} of the study loses no finished trial and
 * a re-run continues from it. A last line cut by a crash is ignored.
 */
final class Journal implements AutoCloseable {
    private final FileChannel ch;

    Journal(Path file) throws IOException {
        ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        // a line cut by a crash would run into the next event: drop it
        long size = ch.size(), keep = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (keep > 0) {
            one.clear();
            ch.read(one, keep - 1);
            if (one.get(0) == '\n') break;
            keep--;
        }
        if (keep < size) ch.truncate(keep);
        ch.position(keep);
    }

    synchronized void append(Map<String, Object> event) throws IOException {
        byte[] line = (Json.line(event) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) ch.write(b);
        ch.force(false);
    }

    /** Every complete event of an existing journal, in order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1;
        for (String l : text.substring(0, end).split("\n")) {
            if (l.isBlank()) continue;
            out.add((Map<String, Object>) Json.parse(l));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
