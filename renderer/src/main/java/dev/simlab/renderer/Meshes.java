package dev.simlab.renderer;

/** The shared unit meshes: interleaved position and normal, three floats each. */
final class Meshes {
    private Meshes() {}

    /** A cube from -0.5 to 0.5 on every axis: 36 vertices, flat normals. */
    static float[] cube() {
        float[][] faces = {
            {1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1},
        };
        float[] out = new float[36 * 6];
        int k = 0;
        for (float[] n : faces) {
            // two axes spanning the face, chosen so the triangles wind counter-clockwise seen from outside
            float[] u = n[0] != 0 ? new float[] {0, 1, 0} : new float[] {1, 0, 0};
            float[] v = cross(n, u);
            float[][] corners = {
                add(n, u, v, -1, -1), add(n, u, v, 1, -1), add(n, u, v, 1, 1),
                add(n, u, v, -1, -1), add(n, u, v, 1, 1), add(n, u, v, -1, 1),
            };
            for (float[] c : corners) k = vertex(out, k, c[0], c[1], c[2], n[0], n[1], n[2]);
        }
        return out;
    }

    private static float[] add(float[] n, float[] u, float[] v, float a, float b) {
        return new float[] {
            0.5f * (n[0] + a * u[0] + b * v[0]), 0.5f * (n[1] + a * u[1] + b * v[1]), 0.5f * (n[2] + a * u[2] + b * v[2]),
        };
    }

    private static float[] cross(float[] a, float[] b) {
        return new float[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** A unit-radius sphere as a triangle list (positions double as normals). */
    static float[] sphere(int stacks, int slices) {
        float[] out = new float[stacks * slices * 6 * 6];
        int k = 0;
        for (int i = 0; i < stacks; i++) {
            double t0 = Math.PI * i / stacks, t1 = Math.PI * (i + 1) / stacks;
            for (int j = 0; j < slices; j++) {
                double p0 = 2 * Math.PI * j / slices, p1 = 2 * Math.PI * (j + 1) / slices;
                double[][] quad = {{t0, p0}, {t1, p0}, {t1, p1}, {t0, p0}, {t1, p1}, {t0, p1}};
                for (double[] q : quad) {
                    float x = (float) (Math.sin(q[0]) * Math.sin(q[1]));
                    float y = (float) Math.cos(q[0]);
                    float z = (float) (Math.sin(q[0]) * Math.cos(q[1]));
                    k = vertex(out, k, x, y, z, x, y, z);
                }
            }
        }
        return out;
    }

    /**
     * A cylinder along x from -0.5 to 0.5 of radius 0.5, with both caps: {@code slices} side
     * quads with radial normals (smooth shading), wound counter-clockwise seen from outside.
     */
    static float[] cylinder(int slices) {
        float[] out = new float[slices * 12 * 6];
        int k = 0;
        for (int j = 0; j < slices; j++) {
            double a0 = 2 * Math.PI * j / slices, a1 = 2 * Math.PI * (j + 1) / slices;
            float c0 = (float) Math.cos(a0), s0 = (float) Math.sin(a0), c1 = (float) Math.cos(a1), s1 = (float) Math.sin(a1);
            // side: (-x, a0), (+x, a1), (+x, a0) and (-x, a0), (-x, a1), (+x, a1)
            float[][] side = {{-0.5f, c0, s0}, {0.5f, c1, s1}, {0.5f, c0, s0}, {-0.5f, c0, s0}, {-0.5f, c1, s1}, {0.5f, c1, s1}};
            for (float[] v : side) k = vertex(out, k, v[0], 0.5f * v[1], 0.5f * v[2], 0, v[1], v[2]);
            // caps: +x turns a0 → a1 seen from +x, -x the other way
            k = vertex(out, k, 0.5f, 0, 0, 1, 0, 0);
            k = vertex(out, k, 0.5f, 0.5f * c0, 0.5f * s0, 1, 0, 0);
            k = vertex(out, k, 0.5f, 0.5f * c1, 0.5f * s1, 1, 0, 0);
            k = vertex(out, k, -0.5f, 0, 0, -1, 0, 0);
            k = vertex(out, k, -0.5f, 0.5f * c1, 0.5f * s1, -1, 0, 0);
            k = vertex(out, k, -0.5f, 0.5f * c0, 0.5f * s0, -1, 0, 0);
        }
        return out;
    }

    private static int vertex(float[] out, int k, float x, float y, float z, float nx, float ny, float nz) {
        out[k++] = x;
        out[k++] = y;
        out[k++] = z;
        out[k++] = nx;
        out[k++] = ny;
        out[k++] = nz;
        return k;
    }
}
