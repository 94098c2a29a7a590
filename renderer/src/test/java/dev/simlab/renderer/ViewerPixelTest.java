package dev.simlab.renderer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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

    static Picture draw(Path dir, String env, int w, int h, String... jvmOptions) throws Exception {
        Path png = dir.resolve(env + jvmOptions.length + ".png");
        ChildJvm.Result r = ChildJvm.run(display.display(), dir, List.of(jvmOptions), ScenePicture.class.getName(), env, png.toString(), "" + w, "" + h);
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
    void theHudCompositedFromItsLayerLooksAsTheHudDrawnStraightIntoTheWindow(@TempDir Path dir) throws Exception {
        Picture p = draw(dir, "cliff-walking", 800, 450, "-Dhud-compare=true");
        int[] differing = p.where().get("hud-layer-differing-pixels");
        assertThat(differing).as(p.log()).isNotNull();
        // premultiplied colour composited over the scene equals blending each glyph straight in, up to rounding
        assertThat(differing[0]).as("pixels differing by more than 2 in a channel: " + p.log()).isZero();
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

    @Test
    void thePillarsShadowDarkensTheFloorOnTheSideAwayFromTheSun(@TempDir Path dir) throws Exception {
        Picture p = draw(dir, ScenePicture.SHADOW_PROBE, 800, 450);
        int away = pixel(p, "ground-away-from-light"), toward = pixel(p, "ground-toward-light");
        // both are the grey floor (not the red pillar in front of them), one in shadow
        assertThat(grey(away) && grey(toward)).as("floor pixels %06x and %06x are grey: %s", away, toward, p.log()).isTrue();
        assertThat(luminance(away)).as("shadowed %06x vs lit %06x", away, toward).isLessThan(0.8 * luminance(toward));
        // with the shadow map off, the same two points are equally lit: the darkening is the shadow
        Picture off = draw(dir, ScenePicture.SHADOW_PROBE, 800, 450, "-Dsimlab.viewer.shadow-map=0");
        assertThat(luminance(pixel(off, "ground-away-from-light"))).isCloseTo(luminance(pixel(off, "ground-toward-light")), org.assertj.core.data.Offset.offset(4.0));
    }

    @Test
    void theCartsShadowDarkensTheRailBeneathIt(@TempDir Path dir) throws Exception {
        // seen from above, the back rail runs past the cart's side: under the cart it is in the cart's shadow, a metre on it is in the sun
        Picture p = draw(dir, "cartpole", 800, 450, "-Dcamera=top-down");
        int shaded = pixel(p, "rail-under-cart"), sunny = pixel(p, "rail-in-sun");
        assertThat(grey(shaded) && grey(sunny)).as("rail pixels %06x and %06x are the rail's grey: %s", shaded, sunny, p.log()).isTrue();
        assertThat(luminance(sunny)).as("the rail in the sun %06x is the rail's grey, lit", sunny).isGreaterThan(100);
        assertThat(luminance(shaded)).as("rail under the cart %06x vs in the sun %06x", shaded, sunny).isLessThan(0.8 * luminance(sunny));
        // with the shadow map off both points are lit alike: the darkening is the cart's shadow
        Picture off = draw(dir, "cartpole", 800, 450, "-Dcamera=top-down", "-Dsimlab.viewer.shadow-map=0");
        assertThat(luminance(pixel(off, "rail-under-cart"))).isCloseTo(luminance(pixel(off, "rail-in-sun")), org.assertj.core.data.Offset.offset(4.0));
    }

    @Test
    void theSkyIsAGradientFromHazeAtTheHorizonToBlueOverhead(@TempDir Path dir) throws Exception {
        Picture p = draw(dir, "cartpole", 640, 360);
        int[] horizon = p.where().get("horizon");
        assertThat(horizon).as(p.log()).isNotNull();
        assertThat(horizon[1]).as("the horizon is in the picture").isBetween(10, 340);
        int top = p.image().getRGB(5, 2) & 0xFFFFFF, low = p.image().getRGB(5, Math.max(0, horizon[1] - 3)) & 0xFFFFFF;
        assertThat(distance(low, 0xDBE3ED)).as("just above the horizon %06x is the haze #DBE3ED", low).isLessThan(25);
        assertThat(distance(top, low)).as("top %06x vs horizon %06x", top, low).isGreaterThan(40);
        assertThat((top & 0xFF) - (top >> 16)).as("the top %06x is bluer than the haze", top).isGreaterThan((low & 0xFF) - (low >> 16) + 20);
    }

    @Test
    void multisamplingBlendsThePillarsEdgesIntoTheFloor(@TempDir Path dir) throws Exception {
        // pixels that are partly red pillar, partly floor or sky: only an anti-aliased edge has them
        long blended = blendedEdgePixels(draw(dir, ScenePicture.SHADOW_PROBE, 800, 450).image());
        long aliased = blendedEdgePixels(draw(dir, ScenePicture.SHADOW_PROBE, 800, 450, "-Dsimlab.viewer.msaa=0").image());
        assertThat(aliased).as("without multisampling an edge pixel is one or the other").isLessThan(5);
        assertThat(blended).as("with it, the pillar's outline (hundreds of pixels) is blended").isGreaterThan(60);
    }

    @Test
    void theChaseCameraShowsTheTrafficAheadAndBesideTheEgo(@TempDir Path dir) throws Exception {
        Picture p = draw(dir, "highway", 1280, 720, "-Dcamera=chase");
        // a car counts as seen when the pixel on the middle of its rear is its own paint (the face is in shade), maybe hazed by fog
        int seen = 0;
        for (int i = 0; p.where().containsKey("car-" + i + "-paint"); i++) {
            int[] xy = p.where().get("car-" + i);
            if (xy == null || xy[0] < 0 || xy[1] < 0 || xy[0] >= 1280 || xy[1] >= 720) continue;
            int px = p.image().getRGB(xy[0], xy[1]) & 0xFFFFFF;
            if (looksLike(px, p.where().get("car-" + i + "-paint")[0]) && !looksLike(px, 0x646464)) seen++;
        }
        assertThat(seen).as("vehicles other than the ego seen by their paint: " + p.log()).isGreaterThanOrEqualTo(5);
    }

    /** Whether a pixel is the colour c in sun or shade (50–100% of it), faded up to a third of the way into the sky's haze. */
    static boolean looksLike(int px, int c) {
        for (double light = 0.5; light <= 1.001; light += 0.05) {
            for (double fog = 0; fog <= 0.34; fog += 0.05) {
                int mixed = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double v = ((c >> shift) & 0xFF) * light * (1 - fog) + ((0xDBE3ED >> shift) & 0xFF) * fog;
                    mixed |= (int) Math.round(v) << shift;
                }
                if (distance(px, mixed) < 18) return true;
            }
        }
        return false;
    }

    /** Pixels whose redness (how much red exceeds green, relative to red) is between the pillar's and the floor's. */
    static long blendedEdgePixels(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                int r = (c >> 16) & 0xFF, g = (c >> 8) & 0xFF;
                if (r < 40) continue;
                double redness = (r - g) / (double) r;
                if (redness > 0.25 && redness < 0.75) n++;
            }
        }
        return n;
    }

    static int pixel(Picture p, String tag) {
        int[] xy = p.where().get(tag);
        assertThat(xy).as(tag + " projected: " + p.log()).isNotNull();
        return p.image().getRGB(xy[0], xy[1]) & 0xFFFFFF;
    }

    static boolean grey(int c) {
        int r = (c >> 16) & 0xFF, g = (c >> 8) & 0xFF, b = c & 0xFF;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) < 30;
    }

    static double luminance(int c) {
        return 0.2126 * ((c >> 16) & 0xFF) + 0.7152 * ((c >> 8) & 0xFF) + 0.0722 * (c & 0xFF);
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
