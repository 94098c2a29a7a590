package dev.simlab.renderer;

import dev.simlab.core.scene.Scene;
import dev.simlab.core.scene.Shape;
import org.joml.Vector3f;

/** The axis-aligned box around a scene's shapes (labels excluded), for framing the camera. */
final class Bounds {
    final float[] min = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
    final float[] max = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};

    static Bounds of(Scene scene) {
        Bounds b = new Bounds();
        for (Shape s : scene.shapes()) {
            if (s instanceof Shape.Cuboid c) {
                float cos = Math.abs((float) Math.cos(c.yaw())), sin = Math.abs((float) Math.sin(c.yaw()));
                float hx = 0.5f * (cos * c.sx() + sin * c.sz()), hz = 0.5f * (sin * c.sx() + cos * c.sz());
                b.add(c.x() - hx, c.y() - c.sy() / 2, c.z() - hz);
                b.add(c.x() + hx, c.y() + c.sy() / 2, c.z() + hz);
            } else if (s instanceof Shape.Sphere p) {
                b.add(p.x() - p.radius(), p.y() - p.radius(), p.z() - p.radius());
                b.add(p.x() + p.radius(), p.y() + p.radius(), p.z() + p.radius());
            } else if (s instanceof Shape.Cylinder r) {
                float q = r.radius();
                b.add(Math.min(r.x1(), r.x2()) - q, Math.min(r.y1(), r.y2()) - q, Math.min(r.z1(), r.z2()) - q);
                b.add(Math.max(r.x1(), r.x2()) + q, Math.max(r.y1(), r.y2()) + q, Math.max(r.z1(), r.z2()) + q);
            } else if (s instanceof Shape.Line l) {
                b.add(l.x1(), l.y1(), l.z1());
                b.add(l.x2(), l.y2(), l.z2());
            } else if (s instanceof Shape.Points p) {
                float[] xyz = p.xyz();
                for (int i = 0; i + 2 < xyz.length; i += 3) b.add(xyz[i], xyz[i + 1], xyz[i + 2]);
            } else if (s instanceof Shape.Image im) {
                b.add(im.x() - im.width() / 2, im.y(), im.z() - im.depth() / 2);
                b.add(im.x() + im.width() / 2, im.y(), im.z() + im.depth() / 2);
            } else if (s instanceof Shape.Surface f) {
                float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
                for (float h : f.heights()) {
                    lo = Math.min(lo, h);
                    hi = Math.max(hi, h);
                }
                b.add(f.x0(), lo, f.z0());
                b.add(f.x0() + f.width(), hi, f.z0() + f.depth());
            }
        }
        return b;
    }

    void add(float x, float y, float z) {
        if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) return;
        min[0] = Math.min(min[0], x);
        min[1] = Math.min(min[1], y);
        min[2] = Math.min(min[2], z);
        max[0] = Math.max(max[0], x);
        max[1] = Math.max(max[1], y);
        max[2] = Math.max(max[2], z);
    }

    boolean empty() {
        return min[0] > max[0];
    }

    float size(int axis) {
        return max[axis] - min[axis];
    }

    Vector3f centre(Vector3f dest) {
        return dest.set((min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2);
    }
}
