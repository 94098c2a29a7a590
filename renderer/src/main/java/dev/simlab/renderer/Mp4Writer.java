package dev.simlab.renderer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Rational;

/**
 * An H.264 MP4 written with JCodec (pure Java: no native codec to install), the format
 * Gymnasium's {@code RecordVideo} users expect. Every frame lasts {@code 1 / framesPerSecond}.
 * H.264 works on 2 × 2 chroma blocks, so an odd width or height loses its last column or row.
 */
public final class Mp4Writer implements AutoCloseable {
    private final SeekableByteChannel channel;
    private final AWTSequenceEncoder encoder;
    private final int width, height;
    private int frames;

    public Mp4Writer(Path file, double framesPerSecond, int width, int height) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        this.width = width & ~1;
        this.height = height & ~1;
        channel = NIOUtils.writableChannel(file.toFile());
        encoder = new AWTSequenceEncoder(channel, Rational.R((int) Math.round(framesPerSecond * 1000), 1000));
    }

    public void add(BufferedImage frame) throws IOException {
        BufferedImage f = frame;
        if (frame.getWidth() != width || frame.getHeight() != height || frame.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            f = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            f.getGraphics().drawImage(frame, 0, 0, null);
        }
        encoder.encodeImage(f);
        frames++;
    }

    public int frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        try {
            if (frames > 0) encoder.finish();
        } finally {
            NIOUtils.closeQuietly(channel);
        }
    }
}
