package dev.simlab.driving;

import java.util.ArrayList;
import java.util.List;

/**
 * A road network: lanes, grouped into carriageways of parallel lanes (highway-env's
 * {@code (from, to)} edges, lane id = index in the group, 0 leftmost), and each lane's successor
 * (highway-env's {@code next_lane} along a single path; routes through intersections are per
 * vehicle). Built once per env; immutable afterwards.
 */
final class Road {
    final Lane[] lanes;
    /** Group of each lane, and its index (highway-env's lane id) within the group. */
    final int[] group, indexInGroup;
    /** Lanes of each group, left to right. */
    final int[][] groups;
    /** The lane a vehicle continues on at the end of each lane (-1: none). */
    final int[] next;
    /** Lanes inside an intersection: traffic about to enter one yields (see {@link TrafficBehaviour}). */
    final boolean[] conflictZone;
    /** For each lane, the intersection arm it comes from (-1: none). */
    final int[] arm;

    private Road(Lane[] lanes, int[] group, int[] indexInGroup, int[][] groups, int[] next, boolean[] conflictZone, int[] arm) {
        this.lanes = lanes;
        this.group = group;
        this.indexInGroup = indexInGroup;
        this.groups = groups;
        this.next = next;
        this.conflictZone = conflictZone;
        this.arm = arm;
    }

    int laneCount() {
        return lanes.length;
    }

    /** Lane {@code offset} places to the right (+) or left (-) in the same group, or -1. */
    int side(int lane, int offset) {
        int[] g = groups[group[lane]];
        int k = indexInGroup[lane] + offset;
        return k < 0 || k >= g.length ? -1 : g[k];
    }

    int groupSize(int lane) {
        return groups[group[lane]].length;
    }

    /** The lane closest to the world point {@code (x, y)} (highway-env get_closest_lane_index over the whole network). */
    int closestLane(double x, double y, double[] tmp) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int l = 0; l < lanes.length; l++) {
            lanes[l].local(x, y, tmp);
            double d = lanes[l].distance(tmp[0], tmp[1]);
            if (d < bestD) {
                bestD = d;
                best = l;
            }
        }
        return best;
    }

    /** Collects lanes, their groups, successors and intersection arms. */
    static final class Builder {
        private final List<Lane> lanes = new ArrayList<>();
        private final List<int[]> groups = new ArrayList<>();
        private final List<Integer> next = new ArrayList<>();
        private final List<Integer> arm = new ArrayList<>();
        private final List<Boolean> conflictZone = new ArrayList<>();

        /** Adds a group of parallel lanes, left to right; returns their indices. */
        int[] group(Lane... parallel) {
            int[] ids = new int[parallel.length];
            for (int i = 0; i < parallel.length; i++) {
                ids[i] = lanes.size();
                lanes.add(parallel[i]);
                next.add(-1);
                arm.add(-1);
                conflictZone.add(false);
            }
            groups.add(ids);
            return ids;
        }

        int lane(Lane lane) {
            return group(lane)[0];
        }

        Builder connect(int from, int to) {
            next.set(from, to);
            return this;
        }

        /** Marks {@code lane} as coming from intersection arm {@code arm}. */
        Builder arm(int lane, int arm) {
            this.arm.set(lane, arm);
            return this;
        }

        /** Marks {@code lane} as crossing the intersection from arm {@code arm}. */
        Builder conflictZone(int lane, int arm) {
            conflictZone.set(lane, true);
            return arm(lane, arm);
        }

        Road build() {
            Lane[] l = lanes.toArray(new Lane[0]);
            int[] group = new int[l.length], index = new int[l.length];
            for (int g = 0; g < groups.size(); g++) {
                int[] ids = groups.get(g);
                for (int k = 0; k < ids.length; k++) {
                    group[ids[k]] = g;
                    index[ids[k]] = k;
                }
            }
            int[] n = new int[l.length], a = new int[l.length];
            boolean[] conflict = new boolean[l.length];
            for (int i = 0; i < n.length; i++) {
                n[i] = next.get(i);
                a[i] = arm.get(i);
                conflict[i] = conflictZone.get(i);
            }
            return new Road(l, group, index, groups.toArray(new int[0][]), n, conflict, a);
        }
    }
}
