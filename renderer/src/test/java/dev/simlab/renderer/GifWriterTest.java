package dev.simlab.renderer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifWriterTest {
    @Test
    void writesAnAnimatedGifThatReadsBackFrameByFrame(@TempDir Path dir) throws Exception {
        Path gif = dir.resolve("clip.gif");
        try (GifWriter w = new GifWriter(gif, 20)) {
            for (int i = 0; i < 5; i++) {
                BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, 64, 48);
                g.setColor(Color.RED);
                g.fillRect(i * 10, 10, 10, 10); // a square moving right
                g.dispose();
                w.add(img);
            }
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(5);
            BufferedImage last = reader.read(4);
            assertThat(last.getWidth()).isEqualTo(64);
            int px = last.getRGB(45, 15) & 0xFFFFFF;
            assertThat((px >> 16) & 0xFF).as("red square in the last frame at x=40..50").isGreaterThan(200);
            assertThat(px & 0xFF).isLessThan(60);
        }
    }

    @Test
    void cappedCubicScheduleMatchesGymnasium() {
        assertThat(java.util.stream.LongStream.range(0, 1001).filter(EpisodeRecorder.CAPPED_CUBIC::test).toArray())
                .containsExactly(0, 1, 8, 27, 64, 125, 216, 343, 512, 729, 1000);
    }
}
