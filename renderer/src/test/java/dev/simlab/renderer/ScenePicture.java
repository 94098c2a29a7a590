package dev.simlab.renderer;

import dev.simlab.classiccontrol.ClassicControlProvider;
import dev.simlab.driving.DrivingProvider;
import dev.simlab.core.env.Env;
import dev.simlab.core.param.ConfigNode;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.scene.HudModel;
import dev.simlab.core.scene.Rgba;
import dev.simlab.core.scene.Scene;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.Shape;
import dev.simlab.gridworld.GridworldProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Child-process entry of the pixel tests: draws one env's scene in a real window (under the
 * DISPLAY the test set), writes a PNG and prints where the first shape of each tag landed on
 * screen, as {@code tag x y} lines.
 *
 * <p>Arguments: env id, PNG path, width, height.
 */
public final class ScenePicture {
    /** Not an env: a synthetic scene with one 2 × 2 checkerboard {@link Shape.Image}. */
    static final String IMAGE_PROBE = "image-probe";
    /** Not an env: a red pillar on a grey floor, lit by the viewer's sun. */
    static final String SHADOW_PROBE = "shadow-probe";

    public static void main(String[] args) throws Exception {
        String id = args[0];
        Path png = Path.of(args[1]);
        int width = Integer.parseInt(args[2]), height = Integer.parseInt(args[3]);
        SceneBuilder b = new SceneBuilder();
        if (id.equals(IMAGE_PROBE)) {
            // a 2 × 2 checkerboard picture: black, white / white, black (row 0 at the far edge)
            b.add(new Shape.Image("checker", 0, 0.01f, 0, 2, 2, 2, 2, new float[] {0, 1, 1, 0}));
            b.focus(0, 0, 0).extent(3);
        } else if (id.equals(SHADOW_PROBE)) {
            b.add(new Shape.Cuboid("floor", 0, -0.05f, 0, 8, 0.1f, 8, 0, new Rgba(0.8f, 0.8f, 0.8f, 1)));
            // yawed, so its silhouette edges cross the pixel grid at a slant (where multisampling shows)
            b.add(new Shape.Cuboid("pillar", 0, 2, 0, 0.6f, 4, 0.6f, 0.5f, new Rgba(0.9f, 0.05f, 0.05f, 1)));
            b.focus(0, 0, 0).extent(8);
        } else {
            List<EnvType> types = new ArrayList<>(new GridworldProvider().envs());
            types.addAll(new ClassicControlProvider().envs());
            types.addAll(new DrivingProvider().envs());
            EnvType type = types.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
            Env env = type.factory().create(type.params().validate(ConfigNode.mapping("probe:1", "env"), Set.of("id", "max_episode_steps")));
            env.reset(0);
            env.describe(b, null);
        }
        b.model(new HudModel.Rl(0, 0, false, 1, 0, 0, 0, Double.NaN, java.util.Map.of(), Double.NaN, false));
        Scene scene = b.build();
        Viewer viewer = new Viewer(new ViewerOptions(width, height, 0, Integer.getInteger("frames", 3), png, null, false, "probe " + id, 0,
                Camera.Mode.parse(System.getProperty("camera", "orbit"))), EpisodeRecorder.CAPPED_CUBIC);
        viewer.scene(0, scene);
        try (ViewerWindow w = new ViewerWindow(viewer)) {
            w.loop(() -> true);
            if (Boolean.getBoolean("hud-compare")) System.out.println("hud-layer-differing-pixels " + w.hudLayerDifference(2) + " 0");
            for (String tag : List.of("goal", "cliff", "start", "agent", "cart", "track")) {
                List<Shape> shapes = scene.tagged(tag);
                if (shapes.isEmpty()) continue;
                float[] c = centre(shapes.get(0));
                float[] p = w.project(c[0], c[1], c[2]);
                if (p != null) System.out.printf(Locale.ROOT, "%s %.1f %.1f%n", tag, p[0], p[1]);
                if (shapes.get(0) instanceof Shape.Cuboid box) {
                    // the face toward the default camera, a quarter of the way in from the left edge
                    float[] f = w.project(box.x() - box.sx() / 4, box.y(), box.z() + box.sz() / 2);
                    if (f != null) System.out.printf(Locale.ROOT, "%s-front %.1f %.1f%n", tag, f[0], f[1]);
                }
            }
            List<Shape> cars = scene.tagged("vehicle");
            for (int i = 0; i < cars.size(); i++) {
                // the middle of the body's rear, below the tail lights (what a camera behind sees), and the car's paint
                Shape.Cuboid c = (Shape.Cuboid) cars.get(i);
                float ax = -0.5f * c.sx() * (float) Math.cos(c.yaw()), az = 0.5f * c.sx() * (float) Math.sin(c.yaw());
                print("car-" + i, w.project(c.x() + ax, c.y() - c.sy() * 0.2f, c.z() + az));
                System.out.printf(Locale.ROOT, "car-%d-paint %d 0%n", i, rgb(c.color()));
            }
            for (Shape r : scene.tagged("rail")) {
                // the back rail's top under the cart's side, which the sun (from +x, +z) puts in the cart's shadow, and 1 m to the right, in the sun
                Shape.Cuboid rail = (Shape.Cuboid) r;
                Shape.Cuboid cart = (Shape.Cuboid) scene.tagged("cart").get(0);
                if (rail.z() > 0) continue;
                print("rail-under-cart", w.project(cart.x(), rail.y() + rail.sy() / 2, rail.z()));
                print("rail-in-sun", w.project(cart.x() + 1, rail.y() + rail.sy() / 2, rail.z()));
            }
            if (id.equals(SHADOW_PROBE)) {
                // two floor points beside the pillar, mirror images across it: the sun (SceneRenderer.LIGHT, from
                // +x and +z) puts the first in the pillar's shadow and leaves the second lit
                print("ground-away-from-light", w.project(-0.9f, 0, -0.9f));
                print("ground-toward-light", w.project(0.9f, 0, -0.9f));
            }
            // the sky straight ahead at the horizon (a point far away at eye height) and at the top of the picture
            org.joml.Vector3f eye = w.camera().eye(), t = w.camera().target;
            org.joml.Vector3f ahead = new org.joml.Vector3f(t.x - eye.x, 0, t.z - eye.z).normalize(5000).add(eye);
            print("horizon", w.project(ahead.x, eye.y, ahead.z));
            if (id.equals(IMAGE_PROBE)) {
                // the centres of the four pixels: far-left, far-right, near-left, near-right
                String[] names = {"pixel-far-left", "pixel-far-right", "pixel-near-left", "pixel-near-right"};
                for (int i = 0; i < 4; i++) {
                    float[] p = w.project(i % 2 == 0 ? -0.5f : 0.5f, 0.01f, i < 2 ? -0.5f : 0.5f);
                    if (p != null) System.out.printf(Locale.ROOT, "%s %.1f %.1f%n", names[i], p[0], p[1]);
                }
            }
        }
        System.out.println("frames " + viewer.frameStats().frames() + " " + viewer.frameStats().describe());
    }

    private static int rgb(Rgba c) {
        return Math.round(c.r() * 255) << 16 | Math.round(c.g() * 255) << 8 | Math.round(c.b() * 255);
    }

    private static void print(String name, float[] p) {
        if (p != null) System.out.printf(Locale.ROOT, "%s %.1f %.1f%n", name, p[0], p[1]);
    }

    /** The top-centre of a box (what a camera above sees), or the centre of a sphere. */
    static float[] centre(Shape s) {
        if (s instanceof Shape.Cuboid c) return new float[] {c.x(), c.y() + c.sy() / 2, c.z()};
        if (s instanceof Shape.Sphere p) return new float[] {p.x(), p.y(), p.z()};
        if (s instanceof Shape.Line l) return new float[] {(l.x1() + l.x2()) / 2, (l.y1() + l.y2()) / 2, (l.z1() + l.z2()) / 2};
        throw new IllegalArgumentException("no centre for " + s);
    }
}
