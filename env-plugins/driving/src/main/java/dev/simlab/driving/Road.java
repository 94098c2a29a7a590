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
    /** The lanes that end somewhere else than the road's end and must connect by route. */
    final double speedLimit;

    private Road(Lane[] lanes, int[] group, int[] indexInGroup, int[][] groups, int[] next, double speedLimit) {
        this.lanes = lanes;
        this.group = group;
        this.indexInGroup = indexInGroup;
        this.groups = groups;
        this.next = next;
        this.speedLimit = speedLimit;
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

    /** Collects lanes, their groups and successors. */
    static final class Builder {
        private final List<Lane> lanes = new ArrayList<>();
        private final List<int[]> groups = new ArrayList<>();
        private final List<Integer> next = new ArrayList<>();
        private double speedLimit = 30;

        Builder speedLimit(double v) {
            this.speedLimit = v;
            return this;
        }

        /** Adds a group of parallel lanes, left to right; returns their indices. */
        int[] group(Lane... parallel) {
            int[] ids = new int[parallel.length];
            for (int i = 0; i < parallel.length; i++) {
                ids[i] = lanes.size();
                lanes.add(parallel[i]);
                next.add(-1);
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
            int[] n = new int[l.length];
            for (int i = 0; i < n.length; i++) n[i] = next.get(i);
            return new Road(l, group, index, groups.toArray(new int[0][]), n, speedLimit);
        }
    }
}
