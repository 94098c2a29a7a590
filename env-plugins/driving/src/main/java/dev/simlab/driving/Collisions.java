package dev.simlab.driving;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;

/**
 * Collisions between the vehicles' oriented boxes: sort-and-sweep on x as broad phase (only
 * pairs closer in x than two half-diagonals), then the separating-axis test. Both vehicles of an
 * overlapping pair crash, if either checks collisions.
 */
final class Collisions {
    private final Vehicles veh;
    /** The vehicles' arrays, held here: they never change, and one load less per access on the step path. */
    private final double[] x, y, cosH, sinH, halfLength, halfWidth;
    private final boolean[] crashed, checkCollisions;
    /** The largest half-diagonal among the vehicles, set by {@link #ready}. */
    private double maxHalfDiagonal;

    Collisions(Vehicles vehicles) {
        this.veh = vehicles;
        x = vehicles.x;
        y = vehicles.y;
        cosH = vehicles.cosH;
        sinH = vehicles.sinH;
        halfLength = vehicles.halfLength;
        halfWidth = vehicles.halfWidth;
        crashed = vehicles.crashed;
        checkCollisions = vehicles.checkCollisions;
    }

    /** After adding vehicles: the sweep's reach. */
    void ready() {
        maxHalfDiagonal = 0;
        for (int i = 0; i < veh.n; i++) maxHalfDiagonal = Math.max(maxHalfDiagonal, Math.hypot(halfLength[i], halfWidth[i]));
    }

    /** Marks crashed every vehicle that overlaps another; {@code byX} lists the vehicles sorted by x. */
    void detect(int[] byX) {
        int n = veh.n;
        double reach = 2 * maxHalfDiagonal;
        for (int a = 0; a < n; a++) {
            int i = byX[a];
            double xi = x[i];
            for (int b = a + 1; b < n; b++) {
                int j = byX[b];
                if (x[j] - xi > reach) break;
                if (!(checkCollisions[i] || checkCollisions[j])) continue;
                if (crashed[i] && crashed[j]) continue;
                if (overlap(i, j)) {
                    crashed[i] = true;
                    crashed[j] = true;
                }
            }
        }
    }

    /** Separating-axis test for vehicles {@code i} and {@code j}, after a bounding-circle check. */
    private boolean overlap(int i, int j) {
        double dx = x[j] - x[i], dy = y[j] - y[i];
        double ri = Math.hypot(halfLength[i], halfWidth[i]) + Math.hypot(halfLength[j], halfWidth[j]);
        if (dx * dx + dy * dy > ri * ri) return false;
        return boxesOverlap(x[i], y[i], cosH[i], sinH[i], halfLength[i], halfWidth[i],
                x[j], y[j], cosH[j], sinH[j], halfLength[j], halfWidth[j]);
    }

    /** Separating-axis test for two rectangles given by centre, heading cosine and sine, half length and half width. */
    static boolean boxesOverlap(double xi, double yi, double ci, double si, double li, double wi,
                                double xj, double yj, double cj, double sj, double lj, double wj) {
        double dx = xj - xi, dy = yj - yi;
        double c = Math.abs(ci * cj + si * sj);
        double d = Math.abs(si * cj - ci * sj);
        if (Math.abs(dx * ci + dy * si) > li + lj * c + wj * d) return false;
        if (Math.abs(-dx * si + dy * ci) > wi + lj * d + wj * c) return false;
        if (Math.abs(dx * cj + dy * sj) > lj + li * c + wi * d) return false;
        return !(Math.abs(-dx * sj + dy * cj) > wj + li * d + wi * c);
    }

    void save(CheckpointWriter out, String prefix) throws IOException {
        out.putDouble(prefix + "collisions.max_half_diagonal", maxHalfDiagonal);
    }

    void restore(CheckpointReader in, String prefix) throws IOException {
        maxHalfDiagonal = in.getDouble(prefix + "collisions.max_half_diagonal");
    }
}
