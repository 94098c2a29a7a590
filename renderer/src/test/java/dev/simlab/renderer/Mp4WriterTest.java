package dev.simlab.renderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MP4 as another program reads it: decoded by ffprobe (Debian's ffmpeg; CI installs it). */
class Mp4WriterTest {
    /** ffprobe's view of the first video stream, decoding every frame to count them. */
    static Map<String, String> probe(Path mp4) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
                    "stream=codec_name,width,height,nb_read_frames,duration", "-of", "default=noprint_wrappers=1", mp4.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("ffprobe is not installed: apt-get install ffmpeg", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return m;
    }

    @Test
    void writesAnH264Mp4ThatFfprobeDecodesFrameByFrame(@TempDir Path dir) throws Exception {
        Path mp4 = dir.resolve("clip.mp4");
        int frames = 12;
        try (Mp4Writer w = new Mp4Writer(mp4, 24, 320, 200)) {
            for (int i = 0; i < frames; i++) {
                BufferedImage img = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, 320, 200);
                g.setColor(Color.RED);
                g.fillRect(i * 20, 80, 20, 20); // a square moving right
                g.dispose();
                w.add(img);
            }
        }
        Map<String, String> s = probe(mp4);
        assertThat(s.get("codec_name")).isEqualTo("h264");
        assertThat(s.get("width")).isEqualTo("320");
        assertThat(s.get("height")).isEqualTo("200");
        assertThat(Integer.parseInt(s.get("nb_read_frames"))).isEqualTo(frames);
        assertThat(Double.parseDouble(s.get("duration"))).isCloseTo(frames / 24.0, within(0.05));
    }

    @Test
    void anOddSizeLosesItsLastColumnAndRow(@TempDir Path dir) throws Exception {
        Path mp4 = dir.resolve("odd.mp4");
        try (Mp4Writer w = new Mp4Writer(mp4, 10, 101, 77)) {
            for (int i = 0; i < 3; i++) w.add(new BufferedImage(101, 77, BufferedImage.TYPE_INT_RGB));
        }
        Map<String, String> s = probe(mp4);
        assertThat(List.of(s.get("width"), s.get("height"), s.get("nb_read_frames"))).containsExactly("100", "76", "3");
    }
}
