package dev.simlab.driving;

import dev.simlab.core.space.Box;

/**
 * The ego's observations, each normalised to [-1, 1] and written into the env's flat array
 * without allocating.
 */
abstract class Observations {
    final Box space;

    Observations(Box space) {
        this.space = space;
    }

    abstract void observe(Vehicles veh, float[] out);

    /** A flat [-1, 1] box of the same size, or the shaped one. */
    static Box shape(DrivingConfig c, int... shape) {
        int size = 1;
        for (int d : shape) size *= d;
        return c.flatten() ? Box.uniform(-1, 1, size) : Box.uniform(-1, 1, shape);
    }

    static Observations create(DrivingConfig c, Road road) {
        return switch (c.observation()) {
            case KINEMATICS -> new Kinematics(c, road);
            case OCCUPANCY -> new Occupancy(c);
            case LIDAR -> new Lidar(c);
            case LANE -> new LaneErrors();
        };
    }

    static double lmap(double v, double lo, double hi) {
        return -1 + 2 * (v - lo) / (hi - lo);
    }

    static float clip1(double v) {
        return (float) (v < -1 ? -1 : (v > 1 ? 1 : v));
    }

    /**
     * highway-env's {@code KinematicObservation} (order "sorted", absolute false, see_behind false,
     * clip true): the ego's row first (its absolute x and y), then the vehicles closest along the
     * ego's lane within 200 m and no more than 10 m behind, relative to the ego; missing rows are
     * zeros. Features: presence, x, y, vx, vy, cos_h, sin_h.
     */
    static final class Kinematics extends Observations {
        static final double PERCEPTION_DISTANCE = 5.0 * Vehicles.MAX_SPEED;
        final int rows;
        final Feature[] feature;
        final double xRange, yRange, vRange;
        final int[] picked;
        final double[] pickedKey;
        int lastCount;

        Kinematics(DrivingConfig c, Road road) {
            super(shape(c, c.observedVehicles(), c.features().size()));
            rows = c.observedVehicles();
            feature = c.features().toArray(new Feature[0]);
            xRange = c.obsXRange();
            yRange = c.obsYRange() > 0 ? c.obsYRange() : 4.0 * maxGroup(road);
            vRange = c.obsSpeedRange();
            picked = new int[Math.max(rows - 1, 0)];
            pickedKey = new double[picked.length];
        }

        private static int maxGroup(Road road) {
            int m = 1;
            for (int[] g : road.groups) m = Math.max(m, g.length);
            return m;
        }

        @Override
        void observe(Vehicles veh, float[] out) {
            java.util.Arrays.fill(out, 0f);
            int f = feature.length;
            write(veh, 0, -1, out, 0);
            // the rows-1 vehicles with the smallest |lane distance|, by insertion into a short sorted list
            int count = 0;
            double ex = veh.x[0], ey = veh.y[0];
            double pd2 = PERCEPTION_DISTANCE * PERCEPTION_DISTANCE;
            for (int j = 1; j < veh.n; j++) {
                double dx = veh.x[j] - ex, dy = veh.y[j] - ey;
                if (dx * dx + dy * dy >= pd2) continue;
                double d = veh.laneDistance(0, j);
                if (!(-2 * Vehicles.LENGTH < d)) continue;
                double key = Math.abs(d);
                if (count == picked.length && (count == 0 || key >= pickedKey[count - 1])) continue;
                int k = count < picked.length ? count++ : count - 1;
                while (k > 0 && pickedKey[k - 1] > key) {
                    picked[k] = picked[k - 1];
                    pickedKey[k] = pickedKey[k - 1];
                    k--;
                }
                picked[k] = j;
                pickedKey[k] = key;
            }
            for (int r = 0; r < count; r++) write(veh, picked[r], 0, out, (r + 1) * f);
            lastCount = count;
        }

        private void write(Vehicles veh, int j, int origin, float[] out, int at) {
            double x = veh.x[j], y = veh.y[j], vx = veh.v[j] * veh.cosH[j], vy = veh.v[j] * veh.sinH[j];
            if (origin >= 0) {
                x -= veh.x[origin];
                y -= veh.y[origin];
                vx -= veh.v[origin] * veh.cosH[origin];
                vy -= veh.v[origin] * veh.sinH[origin];
            }
            for (int k = 0; k < feature.length; k++) {
                double val = switch (feature[k]) {
                    case PRESENCE -> 1;
                    case X -> lmap(x, -xRange, xRange);
                    case Y -> lmap(y, -yRange, yRange);
                    case VX -> lmap(vx, -vRange, vRange);
                    case VY -> lmap(vy, -vRange, vRange);
                    case COS_H -> veh.cosH[j];
                    case SIN_H -> veh.sinH[j];
                };
                out[at + k] = clip1(val);
            }
        }
    }

    /**
     * highway-env's {@code OccupancyGridObservation} (grid aligned with the world axes, centred on
     * the ego): channels presence, vx, vy (relative to the ego, normalised) and on_road, each
     * {@code cells × cells}, channel after channel.
     */
    static final class Occupancy extends Observations {
        final int cells;
        final double step, vRange;
        final double[] tmp = new double[2];

        Occupancy(DrivingConfig c) {
            super(shape(c, 4, c.gridCells(), c.gridCells()));
            cells = c.gridCells();
            step = c.gridStep();
            vRange = c.obsSpeedRange();
        }

        @Override
        void observe(Vehicles veh, float[] out) {
            java.util.Arrays.fill(out, 0f);
            int plane = cells * cells;
            double half = cells * step / 2;
            double ex = veh.x[0], ey = veh.y[0];
            double evx = veh.v[0] * veh.cosH[0], evy = veh.v[0] * veh.sinH[0];
            for (int j = 0; j < veh.n; j++) {
                int cx = (int) Math.floor((veh.x[j] - ex + half) / step);
                int cy = (int) Math.floor((veh.y[j] - ey + half) / step);
                if (cx < 0 || cy < 0 || cx >= cells || cy >= cells) continue;
                int k = cy * cells + cx;
                out[k] = 1;
                out[plane + k] = clip1((veh.v[j] * veh.cosH[j] - evx) / vRange);
                out[2 * plane + k] = clip1((veh.v[j] * veh.sinH[j] - evy) / vRange);
            }
            Road road = veh.road;
            int l0 = veh.lane[0];
            for (int cy = 0; cy < cells; cy++) {
                for (int cx = 0; cx < cells; cx++) {
                    double px = ex - half + (cx + 0.5) * step, py = ey - half + (cy + 0.5) * step;
                    boolean on = false;
                    int[] group = road.groups[road.group[l0]];
                    for (int l : group) {
                        road.lanes[l].local(px, py, tmp);
                        if (road.lanes[l].onLane(tmp[0], tmp[1], 0)) {
                            on = true;
                            break;
                        }
                    }
                    out[3 * plane + cy * cells + cx] = on ? 1 : 0;
                }
            }
        }
    }

    /**
     * highway-env's {@code LidarObservation}: for each of {@code rays} directions around the ego
     * (here relative to its heading, ray 0 straight ahead), the distance to the first vehicle box
     * hit (divided by the range; 1 when nothing is hit) and that vehicle's speed toward the ego
     * along the ray (divided by twice the maximum speed).
     */
    static final class Lidar extends Observations {
        final int rays;
        final double range;
        /** Last distances in metres, for the scene overlay. */
        final double[] distances;

        Lidar(DrivingConfig c) {
            super(shape(c, c.lidarRays(), 2));
            rays = c.lidarRays();
            range = c.lidarRange();
            distances = new double[rays];
        }

        @Override
        void observe(Vehicles veh, float[] out) {
            double ex = veh.x[0], ey = veh.y[0];
            for (int r = 0; r < rays; r++) {
                double a = veh.h[0] + 2 * Math.PI * r / rays;
                double dx = Math.cos(a), dy = Math.sin(a);
                double best = range;
                double closing = 0;
                for (int j = 1; j < veh.n; j++) {
                    double ox = veh.x[j] - ex, oy = veh.y[j] - ey;
                    double reach = range + Math.hypot(veh.halfLength[j], veh.halfWidth[j]);
                    if (ox * ox + oy * oy > reach * reach) continue;
                    double t = rayBox(-ox, -oy, dx, dy, veh.cosH[j], veh.sinH[j], veh.halfLength[j], veh.halfWidth[j]);
                    if (t < best) {
                        best = t;
                        closing = -((veh.v[j] * veh.cosH[j] - veh.v[0] * veh.cosH[0]) * dx + (veh.v[j] * veh.sinH[j] - veh.v[0] * veh.sinH[0]) * dy);
                    }
                }
                distances[r] = best;
                out[2 * r] = clip1(best / range);
                out[2 * r + 1] = clip1(closing / (2 * Vehicles.MAX_SPEED));
            }
        }

        /** Distance along the ray from {@code (px, py)} (relative to the box centre) in direction {@code (dx, dy)} to the box, or infinity. */
        static double rayBox(double px, double py, double dx, double dy, double c, double s, double hl, double hw) {
            // into the box frame
            double lx = px * c + py * s, ly = -px * s + py * c;
            double ldx = dx * c + dy * s, ldy = -dx * s + dy * c;
            double tmin = 0, tmax = Double.POSITIVE_INFINITY;
            if (Math.abs(ldx) < 1e-12) {
                if (Math.abs(lx) > hl) return Double.POSITIVE_INFINITY;
            } else {
                double t1 = (-hl - lx) / ldx, t2 = (hl - lx) / ldx;
                tmin = Math.max(tmin, Math.min(t1, t2));
                tmax = Math.min(tmax, Math.max(t1, t2));
            }
            if (Math.abs(ldy) < 1e-12) {
                if (Math.abs(ly) > hw) return Double.POSITIVE_INFINITY;
            } else {
                double t1 = (-hw - ly) / ldy, t2 = (hw - ly) / ldy;
                tmin = Math.max(tmin, Math.min(t1, t2));
                tmax = Math.min(tmax, Math.max(t1, t2));
            }
            return tmin <= tmax ? tmin : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * For lane keeping (not a highway-env observation type; highway-env's lane-keeping env observes
     * its bicycle model's state): the lateral offset over half the lane width, the sine and cosine
     * of the heading error, and the sine of the lane's heading change 10, 20 and 30 m ahead.
     */
    static final class LaneErrors extends Observations {
        static final double[] LOOKAHEAD = {10, 20, 30};
        final double[] tmp = new double[2];

        LaneErrors() {
            super(Box.uniform(-1, 1, 3 + LOOKAHEAD.length));
        }

        @Override
        void observe(Vehicles veh, float[] out) {
            Lane lane = veh.road.lanes[veh.lane[0]];
            lane.local(veh.x[0], veh.y[0], tmp);
            double s = tmp[0];
            double err = Lane.wrapToPi(veh.h[0] - lane.headingAt(s));
            out[0] = clip1(tmp[1] / (lane.width / 2));
            out[1] = clip1(Math.sin(err));
            out[2] = clip1(Math.cos(err));
            for (int k = 0; k < LOOKAHEAD.length; k++) out[3 + k] = clip1(Math.sin(lane.headingAt(s + LOOKAHEAD[k]) - veh.h[0]));
        }
    }

    /** Ids of the vehicles a kinematics observation saw last (for the scene overlay); empty for others. */
    static int[] observed(Observations o) {
        if (!(o instanceof Kinematics k)) return new int[0];
        return java.util.Arrays.copyOf(k.picked, k.lastCount);
    }
}
