package dev.simlab.renderer;

import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.joml.Vector4f;

/**
 * An orbit camera: it looks at {@link #target} from {@code distance} metres away, turned by
 * {@code yaw} about the vertical and raised by {@code pitch}. The modes decide who moves the
 * target: the user (orbit), the scene's focus (follow), the focus and its heading (chase) or
 * nobody, looking straight down (top-down).
 */
public final class Camera {
    public enum Mode {
        ORBIT, FOLLOW, CHASE, TOP_DOWN;

        /** Parses {@code orbit}, {@code follow}, {@code chase} or {@code top-down}. */
        public static Mode parse(String name) {
            for (Mode m : values()) if (m.name().replace('_', '-').equalsIgnoreCase(name)) return m;
            throw new IllegalArgumentException(name);
        }

        Mode next() {
            return values()[(ordinal() + 1) % values().length];
        }
    }

    static final float FOV = (float) Math.toRadians(45);
    static final float MIN_PITCH = (float) Math.toRadians(-10);
    static final float CHASE_PITCH_DEGREES = 13;
    static final float MAX_PITCH = (float) Math.toRadians(89.5);

    Mode mode = Mode.ORBIT;
    final Vector3f target = new Vector3f();
    float yaw;
    float pitch = (float) Math.toRadians(45);
    float distance = 10;
    private boolean framed;
    private final Vector3f lastFocus = new Vector3f(Float.NaN, 0, 0);
    private float heading, lastHeadingSample = Float.NaN;

    private final Matrix4f view = new Matrix4f();
    private final Matrix4f projection = new Matrix4f();
    private final Matrix4f viewProjection = new Matrix4f();
    private final Vector3f eye = new Vector3f();

    /**
     * Frames the scene's bounds the first time (or after {@link #reset}): camera on the +z side
     * looking toward -z, steep for ground-like scenes (grids, roads), nearly level for scenes
     * drawn in the x-y plane (classic control).
     */
    void frame(Bounds b, float aspect, float[] focus, float extent) {
        if (framed || b.empty()) return;
        framed = true;
        b.centre(target);
        float sx = b.size(0), sy = b.size(1), sz = b.size(2);
        if (focus != null && extent > 0 && Math.max(sx, sz) > 1.5f * extent) {
            // a window on a larger world (a road drawn 150 m around the ego): frame the extent around the focus
            target.set(focus[0], focus[1], focus[2]);
            sx = Math.min(sx, extent);
            sz = Math.min(sz, extent);
        }
        // drawn in the x-y plane (classic control) when taller than deep; on the ground (grids, roads) otherwise
        boolean upright = sy > sz;
        yaw = 0;
        pitch = (float) Math.toRadians(upright ? 12 : 55);
        float t = (float) Math.tan(FOV / 2);
        // fit the width to the horizontal field of view and the depth (or height) to the vertical one
        float across = sx / 2 / (t * aspect);
        float up = upright ? sy / 2 / t : (sz * (float) Math.sin(pitch) + sy * (float) Math.cos(pitch)) / 2 / t;
        distance = Math.max(0.5f, Math.max(across, up) * 1.12f + (upright ? sz / 2 : sy / 2));
    }

    void reset() {
        framed = false;
    }

    /** Moves the target for the follow, chase and top-down modes. */
    void track(float[] focus, float extent) {
        if (focus == null) return;
        Vector3f f = new Vector3f(focus[0], focus[1], focus[2]);
        if (!Float.isNaN(lastFocus.x)) {
            float dx = f.x - lastFocus.x, dz = f.z - lastFocus.z;
            // heading from the focus's motion; tiny moves (jitter, a pause) keep the old heading
            // turned a third of the way toward each new direction: a lane change's sideways step between two
            // snapshots does not swing a chase view round
            // a jump of over half the extent is a reset (the ego back at the start), not a direction of travel
            boolean teleport = extent > 0 && dx * dx + dz * dz > 0.25f * extent * extent;
            if (dx * dx + dz * dz > 1e-6f && !teleport) {
                float turn = (float) Math.atan2(-dz, dx) - heading;
                turn = (float) Math.atan2(Math.sin(turn), Math.cos(turn));
                heading += Float.isNaN(lastHeadingSample) ? turn : turn / 3;
                lastHeadingSample = heading;
            }
        }
        lastFocus.set(f);
        switch (mode) {
            case ORBIT -> { }
            case FOLLOW -> target.lerp(f, 0.5f);
            case CHASE -> {
                // behind and above the mover, looking at a point ahead of it, so the picture holds what
                // lies ahead and in the lanes beside with the mover in its lower third (a car's
                // view of 120 m: 19 m behind and 10 m above it, looking at a point 25 m ahead); snapshots may be a whole decision (1 s of driving) apart:
                // no smoothing, stay on the mover. The wheel still zooms in (not out past the framing).
                yaw = heading - (float) Math.PI / 2;
                pitch = (float) Math.toRadians(CHASE_PITCH_DEGREES);
                distance = Math.max(2f, Math.min(distance, extent * 0.38f));
                float ahead = distance * 0.55f;
                target.set(f.x + ahead * (float) Math.cos(heading), f.y, f.z - ahead * (float) Math.sin(heading));
            }
            case TOP_DOWN -> {
                target.lerp(f, 0.5f);
                pitch = MAX_PITCH;
            }
        }
    }

    void orbit(float dYaw, float dPitch) {
        yaw += dYaw;
        pitch = Math.max(MIN_PITCH, Math.min(MAX_PITCH, pitch + dPitch));
    }

    /** Moves the target in the view plane by a fraction of the distance (mouse drag). */
    void pan(float dx, float dy) {
        float cy = (float) Math.cos(yaw), sy = (float) Math.sin(yaw);
        Vector3f right = new Vector3f(cy, 0, -sy);
        Vector3f up = new Vector3f(0, 1, 0);
        if (pitch > Math.toRadians(60)) up.set(-sy, 0, -cy); // looking down: drag moves over the ground
        target.fma(-dx * distance, right).fma(dy * distance, up);
        if (mode != Mode.ORBIT && mode != Mode.TOP_DOWN) mode = Mode.ORBIT;
    }

    void zoom(float factor) {
        distance = Math.max(0.2f, Math.min(5000f, distance * factor));
    }

    Vector3f eye() {
        float cp = (float) Math.cos(pitch);
        return eye.set(target.x + distance * cp * (float) Math.sin(yaw), target.y + distance * (float) Math.sin(pitch),
                target.z + distance * cp * (float) Math.cos(yaw));
    }

    /** The view's up direction: the world's, except looking straight down, where it is the direction the camera faces. */
    Vector3f up() {
        return pitch > Math.toRadians(89) ? new Vector3f(-(float) Math.sin(yaw), 0, -(float) Math.cos(yaw)) : new Vector3f(0, 1, 0);
    }

    /** Updates and returns projection × view for a viewport of the given aspect ratio. */
    Matrix4f viewProjection(float aspect) {
        Vector3f e = eye();
        Vector3f up = up();
        view.setLookAt(e.x, e.y, e.z, target.x, target.y, target.z, up.x, up.y, up.z);
        float near = Math.max(0.01f, distance * 0.01f);
        projection.setPerspective(FOV, aspect, near, distance * 20 + 100);
        return projection.mul(view, viewProjection);
    }

    /** Pixels per metre at unit view distance, for sizing points. */
    static float pixelsPerMetre(int viewportHeight) {
        return viewportHeight / (2 * (float) Math.tan(FOV / 2));
    }

    /**
     * Window coordinates (x right, y down, in pixels) of a world point for the last computed
     * matrices, or null behind the camera.
     */
    public float[] project(float x, float y, float z, int width, int height) {
        Vector4f p = new Vector4f(x, y, z, 1).mul(viewProjection);
        if (p.w <= 0) return null;
        return new float[] {(p.x / p.w * 0.5f + 0.5f) * width, (1 - (p.y / p.w * 0.5f + 0.5f)) * height};
    }
}
