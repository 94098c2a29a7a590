package dev.simlab.core.scene;

/**
 * A drawable primitive in world coordinates (metres; y is up, the ground is y = 0). The
 * renderer draws these; tests can assert on them without a GPU.
 */
public sealed interface Shape {
    /** Semantic tag (e.g. {@code "goal"}, {@code "agent"}, {@code "wall"}) so tests and overlays can find shapes. */
    String tag();

    /** An axis-aligned box rotated by {@code yaw} radians about the vertical axis through its centre. */
    record Cuboid(String tag, float x, float y, float z, float sx, float sy, float sz, float yaw, Rgba color) implements Shape {}

    record Sphere(String tag, float x, float y, float z, float radius, Rgba color) implements Shape {}

    /** A straight segment, e.g. a lane marking, a pole, a lidar ray, a policy arrow. */
    record Line(String tag, float x1, float y1, float z1, float x2, float y2, float z2, float width, Rgba color) implements Shape {}

    /**
     * A round rod from one end to the other, {@code radius} thick, with flat caps: a wheel (a short
     * one across the direction of travel), an axle, a hinge pin, a rail.
     */
    record Cylinder(String tag, float x1, float y1, float z1, float x2, float y2, float z2, float radius, Rgba color) implements Shape {}

    /** A point cloud ({@code xyz} flat, three floats a point), e.g. GAN samples. */
    record Points(String tag, float[] xyz, float size, Rgba color) implements Shape {}

    /**
     * A height field over the rectangle {@code [x0, x0+width] × [z0, z0+depth]} sampled on a
     * {@code cols × rows} grid ({@code heights} row-major), coloured by height, e.g. a
     * discriminator's output or a mountain-car hill.
     */
    record Surface(String tag, float x0, float z0, float width, float depth, int cols, int rows, float[] heights, Rgba low, Rgba high) implements Shape {}

    /**
     * A greyscale picture lying flat at height {@code y}, centred on {@code (x, z)}, {@code width}
     * along x and {@code depth} along z: {@code cols × rows} intensities in [0, 1] (0 black, 1
     * white), row-major, row 0 at the far edge (−z) so it reads upright from the default camera.
     * Drawn as a textured quad, e.g. a GAN's generated digits.
     */
    record Image(String tag, float x, float y, float z, float width, float depth, int cols, int rows, float[] pixels) implements Shape {}

    /** A text label anchored at a world position. */
    record Label(String tag, float x, float y, float z, String text, Rgba color) implements Shape {}
}
