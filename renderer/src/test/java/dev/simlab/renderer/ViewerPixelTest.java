package dev.simlab.renderer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Draws real env scenes with OpenGL under Xvfb (Mesa's llvmpipe) and checks the pixels read back
 * from the framebuffer: the cliff-walking goal tile is green where the camera puts it, the cliff
 * is red, the start blue. Fails, not skips, without Xvfb: CI installs it (.ci/run).
 */
class ViewerPixelTest {
    static VirtualDisplay display;

    @BeforeAll
    static void startXvfb() throws Exception {
        display = VirtualDisplay.start(1280, 800);
    }

    @AfterAll
    static void stopXvfb() throws Exception {
        if (display != null) display.close();
    }

    record Picture(BufferedImage image, Map<String, int[]> where, String log) {}

    static Picture draw(Path dir, String env, int w, int h) throws Exception {
        Path png = dir.resolve(env + ".png");
        ChildJvm.Result r = ChildJvm.run(display.display(), dir, ScenePicture.class.getName(), env, png.toString(), "" + w, "" + h);
        assertThat(r.exit()).as(r.out()).isZero();
        Map<String, int[]> where = new HashMap<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 3 && f[1].matches("[-0-9.]+")) where.put(f[0], new int[] {Math.round(Float.parseFloat(f[1])), Math.round(Float.parseFloat(f[2]))});
        }
        assertThat(Files.exists(png)).as(r.out()).isTrue();
        return new Picture(ImageIO.read(png.toFile()), where, r.out());
    }

    @Test
    void cliffWalkingGoalCliffAndStartHaveTheirColoursWhereTheCameraPutsThem(@TempDir Path dir) throws Exception {
        Picture p = draw(dir, "cliff-walking", 800, 450);
        assertThat(p.image().getWidth()).isEqualTo(800);
        assertThat(p.image().getHeight()).isEqualTo(450);
        // the scene's colours (docs/GRIDWORLD.md), lit from above: a tile's top shows ~95% of its colour
        assertThat(nearest(p, "goal")).as(p.log()).isEqualTo("goal");
        assertThat(nearest(p, "cliff")).as(p.log()).isEqualTo("cliff");
        assertThat(nearest(p, "start")).as("the agent sphere sits on the start tile; its edge shows the tile: " + p.log()).isIn("start", "agent");
        int goal = p.image().getRGB(p.where().get("goal")[0], p.where().get("goal")[1]) & 0xFFFFFF;
        assertThat(distance(goal, 0x2E9E44)).as("goal pixel %06x vs #2E9E44", goal).isLessThan(40);
    }

    @Test
    void cartPoleIsDrawnUprightInTheMiddle(@TempDir Path dir) throws Exception {
        Picture p = draw(dir, "cartpole", 640, 360);
        int[] cart = p.where().get("cart");
        assertThat(cart[0]).as("cart centred horizontally").isBetween(280, 360);
        int[] front = p.where().get("cart-front");
        int px = p.image().getRGB(front[0], front[1]) & 0xFFFFFF;
        assertThat(distance(px, 0x202020)).as("cart pixel %06x is the cart's near-black", px).isLessThan(40);
    }

    @Test
    void imagesAreTexturedQuadsWithEachPixelWhereTheSceneSaysAndRowZeroAtTheFarEdge(@TempDir Path dir) throws Exception {
        Picture p = draw(dir, ScenePicture.IMAGE_PROBE, 640, 360);
        for (String[] expect : new String[][] {{"pixel-far-left", "000000"}, {"pixel-far-right", "ffffff"},
                {"pixel-near-left", "ffffff"}, {"pixel-near-right", "000000"}}) {
            int[] xy = p.where().get(expect[0]);
            assertThat(xy).as(expect[0] + " projected: " + p.log()).isNotNull();
            int px = p.image().getRGB(xy[0], xy[1]) & 0xFFFFFF;
            assertThat(distance(px, Integer.parseInt(expect[1], 16))).as("%s pixel %06x vs #%s", expect[0], px, expect[1]).isLessThan(30);
        }
    }

    /** Which scene colour the pixel at the tag's projected position is closest to. */
    static String nearest(Picture p, String tag) {
        int[] xy = p.where().get(tag);
        assertThat(xy).as(tag + " projected: " + p.log()).isNotNull();
        int px = p.image().getRGB(xy[0], xy[1]) & 0xFFFFFF;
        Map<String, Integer> palette = Map.of("floor", 0xE6E6E6, "start", 0x5B9BD5, "goal", 0x2E9E44, "cliff", 0xC0392B,
                "agent", 0xFFD21F, "background", 0xDBE3ED);
        String best = null;
        double bestD = Double.MAX_VALUE;
        for (Map.Entry<String, Integer> e : palette.entrySet()) {
            double d = distance(px, (int) (e.getValue()));
            if (d < bestD) {
                bestD = d;
                best = e.getKey();
            }
        }
        return best;
    }

    static double distance(int a, int b) {
        int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF), dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF), db = (a & 0xFF) - (b & 0xFF);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
