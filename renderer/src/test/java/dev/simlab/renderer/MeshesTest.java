package dev.simlab.renderer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The viewer culls back faces, so a triangle wound the wrong way is a hole in what users see: every
 * triangle of the shared meshes must wind counter-clockwise seen from outside, i.e. its geometric
 * normal must point the way its vertex normals do.
 */
class MeshesTest {
    @Test
    void everyTriangleOfEveryUnitMeshFacesOutward() {
        assertOutward("cube", Meshes.cube());
        assertOutward("sphere", Meshes.sphere(10, 16));
        assertOutward("cylinder", Meshes.cylinder(16));
    }

    @Test
    void theCylinderIsARodAlongXOfDiameterOne() {
        float[] m = Meshes.cylinder(16);
        float minX = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, maxR = 0;
        for (int i = 0; i < m.length; i += 6) {
            minX = Math.min(minX, m[i]);
            maxX = Math.max(maxX, m[i]);
            maxR = Math.max(maxR, (float) Math.hypot(m[i + 1], m[i + 2]));
        }
        assertThat(new float[] {minX, maxX, maxR}).containsExactly(new float[] {-0.5f, 0.5f, 0.5f}, org.assertj.core.data.Offset.offset(1e-6f));
    }

    private static void assertOutward(String name, float[] mesh) {
        assertThat(mesh.length % 18).isZero();
        int degenerate = 0;
        for (int t = 0; t < mesh.length; t += 18) {
            float[] a = vec(mesh, t), b = vec(mesh, t + 6), c = vec(mesh, t + 12);
            float[] n = cross(sub(b, a), sub(c, a));
            if (Math.sqrt(dot(n, n)) < 1e-7) {
                degenerate++; // the sphere's poles
                continue;
            }
            for (int v = 0; v < 3; v++) {
                float[] vn = {mesh[t + 6 * v + 3], mesh[t + 6 * v + 4], mesh[t + 6 * v + 5]};
                assertThat(dot(n, vn)).as("%s triangle %d vertex %d faces its normal", name, t / 18, v).isGreaterThan(0);
            }
        }
        assertThat(degenerate).as(name).isLessThan(mesh.length / 18 / 4);
    }

    private static float[] vec(float[] m, int i) {
        return new float[] {m[i], m[i + 1], m[i + 2]};
    }

    private static float[] sub(float[] a, float[] b) {
        return new float[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static float[] cross(float[] a, float[] b) {
        return new float[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static float dot(float[] a, float[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
