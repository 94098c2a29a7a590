package dev.simlab.driving;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;
import java.util.Arrays;

/**
 * Which lane each vehicle is on, and who is on each lane. Each lane keeps the vehicles on it
 * (highway-env's {@code on_lane} with a 1 m margin, so a vehicle changing lanes is on both)
 * sorted by their longitudinal coordinate; the lists are rebuilt after every step from a
 * persistent order of all vehicles sorted by x ({@link #byX}, insertion sort of an almost
 * sorted array: linear), and neighbour queries are binary searches.
 */
final class LaneIndex {
    private final Vehicles veh;
    private final Road road;
    /** The vehicles' arrays, held here: they never change, and one load less per access on the step path. */
    private final double[] x, y, laneS, laneLat;
    private final int[] lane, routeLen, routeIdx;
    private final int[][] route;
    private final VehicleKind[] kind;
    private final boolean[] onRoad;
    /** Vehicle indices sorted by x; kept between steps (also the collision sweep's order). */
    final int[] byX;
    private final int[][] members;
    private final double[][] memberS;
    private final int[] memberCount;
    private final double[] tmp = new double[2];

    /** Results of the last {@link #neighbours} call (-1: none), read right after it to allocate nothing. */
    int front, rear;
    double frontGap, rearGap;

    LaneIndex(Vehicles vehicles) {
        this.veh = vehicles;
        this.road = vehicles.road;
        x = vehicles.x;
        y = vehicles.y;
        laneS = vehicles.laneS;
        laneLat = vehicles.laneLat;
        lane = vehicles.lane;
        routeLen = vehicles.routeLen;
        routeIdx = vehicles.routeIdx;
        route = vehicles.route;
        kind = vehicles.kind;
        onRoad = vehicles.onRoad;
        int lanes = road.laneCount();
        byX = new int[veh.capacity];
        members = new int[lanes][veh.capacity];
        memberS = new double[lanes][veh.capacity];
        memberCount = new int[lanes];
    }

    /** After adding vehicles: builds the sorted order and the lane lists. */
    void ready() {
        for (int i = 0; i < veh.n; i++) byX[i] = i;
        sortByX();
        rebuild();
    }

    int count(int lane) {
        return memberCount[lane];
    }

    /** The vehicles on {@code lane}, by increasing longitudinal coordinate: the first {@link #count} entries. */
    int[] members(int lane) {
        return members[lane];
    }

    /**
     * highway-env Road.neighbour_vehicles: the closest vehicle ahead ({@code s' >= s}) and behind on
     * lane {@code l}, by binary search in the lane's sorted list, into {@link #front}/{@link #rear}.
     * With {@code lookAhead}, a vehicle with nobody ahead on {@code l} sees the first vehicle on the
     * lane its path continues on (highway-env looks at one lane only; this matters at lane ends of
     * merges and intersections).
     */
    void neighbours(int i, int l, boolean lookAhead) {
        Lane on = road.lanes[l];
        on.local(x[i], y[i], tmp);
        double s = tmp[0];
        int c = memberCount[l];
        int[] m = members[l];
        double[] ms = memberS[l];
        int lo = 0, hi = c;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ms[mid] < s) lo = mid + 1;
            else hi = mid;
        }
        front = -1;
        rear = -1;
        for (int k = lo; k < c; k++) {
            if (m[k] != i) {
                front = m[k];
                frontGap = ms[k] - s;
                break;
            }
        }
        for (int k = lo - 1; k >= 0; k--) {
            if (m[k] != i) {
                rear = m[k];
                rearGap = s - ms[k];
                break;
            }
        }
        if (front < 0 && lookAhead) {
            int next = veh.nextLane(i, l);
            if (next >= 0 && memberCount[next] > 0) {
                int[] nm = members[next];
                double[] ns = memberS[next];
                for (int k = 0; k < memberCount[next]; k++) {
                    if (nm[k] != i && ns[k] >= 0) {
                        front = nm[k];
                        frontGap = on.length() - s + ns[k];
                        break;
                    }
                }
            }
        }
    }

    void sortByX() {
        int[] o = byX;
        for (int a = 1; a < veh.n; a++) {
            int key = o[a];
            double kx = x[key];
            int b = a - 1;
            while (b >= 0 && x[o[b]] > kx) {
                o[b + 1] = o[b];
                b--;
            }
            o[b + 1] = key;
        }
    }

    /** highway-env get_closest_lane_index, among the current lane, its neighbours and the next lane. */
    void assignLanes() {
        for (int i = 0; i < veh.n; i++) {
            if (kind[i] == VehicleKind.STATIC) continue;
            int cur = lane[i];
            int best = cur;
            road.lanes[cur].local(x[i], y[i], tmp);
            double bestD = road.lanes[cur].distance(tmp[0], tmp[1]);
            double bs = tmp[0], bl = tmp[1];
            for (int k = 0; k < 3; k++) {
                int l = k == 0 ? road.side(cur, -1) : k == 1 ? road.side(cur, 1) : veh.nextLane(i, cur);
                if (l < 0) continue;
                road.lanes[l].local(x[i], y[i], tmp);
                double d = road.lanes[l].distance(tmp[0], tmp[1]);
                if (d < bestD) {
                    bestD = d;
                    best = l;
                    bs = tmp[0];
                    bl = tmp[1];
                }
            }
            int[] r = route[i];
            int next = routeIdx[i] + 1;
            if (best != cur && routeLen[i] > 0 && next < routeLen[i] && r[next] == best) routeIdx[i]++;
            lane[i] = best;
            laneS[i] = bs;
            laneLat[i] = bl;
            onRoad[i] = road.lanes[best].onLane(bs, bl, 0);
        }
    }

    /** Refills every lane's list from the vehicles' lanes (and their side lanes), in {@link #byX} order, then sorts each by s. */
    void rebuild() {
        Arrays.fill(memberCount, 0);
        for (int a = 0; a < veh.n; a++) {
            int i = byX[a];
            int l = lane[i];
            register(i, l, laneS[i], laneLat[i]);
            for (int off = -1; off <= 1; off += 2) {
                int side = road.side(l, off);
                if (side < 0) continue;
                road.lanes[side].local(x[i], y[i], tmp);
                register(i, side, tmp[0], tmp[1]);
            }
        }
        for (int l = 0; l < memberCount.length; l++) {
            int c = memberCount[l];
            int[] m = members[l];
            double[] ms = memberS[l];
            for (int a = 1; a < c; a++) {
                int key = m[a];
                double ks = ms[a];
                int b = a - 1;
                while (b >= 0 && ms[b] > ks) {
                    m[b + 1] = m[b];
                    ms[b + 1] = ms[b];
                    b--;
                }
                m[b + 1] = key;
                ms[b + 1] = ks;
            }
        }
    }

    private void register(int i, int l, double s, double lat) {
        if (!road.lanes[l].onLane(s, lat, 1)) return;
        int c = memberCount[l]++;
        members[l][c] = i;
        memberS[l][c] = s;
    }

    /**
     * Writes the x order and the lane lists as they are, not as {@link #rebuild} would make them:
     * intersection traffic re-placed after a step is in the lists only from the next step on.
     */
    void save(CheckpointWriter out, String prefix) throws IOException {
        String p = prefix + "lane_index.";
        out.putInts(p + "by_x", Arrays.copyOf(byX, veh.n));
        out.putInts(p + "member_count", memberCount.clone());
        int total = 0;
        for (int c : memberCount) total += c;
        int[] m = new int[total];
        double[] s = new double[total];
        int at = 0;
        for (int l = 0; l < memberCount.length; l++) {
            System.arraycopy(members[l], 0, m, at, memberCount[l]);
            System.arraycopy(memberS[l], 0, s, at, memberCount[l]);
            at += memberCount[l];
        }
        out.putInts(p + "members", m);
        out.putDoubles(p + "member_s", s);
    }

    /** Reads what {@link #save} wrote; call after the vehicles are restored. */
    void restore(CheckpointReader in, String prefix) throws IOException {
        String p = prefix + "lane_index.";
        SavedArrays.restore(in.getInts(p + "by_x"), byX, veh.n, p + "by_x");
        int[] counts = in.getInts(p + "member_count");
        SavedArrays.restore(counts, memberCount, memberCount.length, p + "member_count");
        int total = 0;
        for (int l = 0; l < counts.length; l++) total += SavedArrays.count(counts[l], veh.capacity, p + "member_count");
        int[] m = in.getInts(p + "members");
        double[] s = in.getDoubles(p + "member_s");
        if (m.length != total || s.length != total) throw new IOException("checkpoint entries '" + p + "members' and '" + p + "member_s' do not match '" + p + "member_count'");
        int at = 0;
        for (int l = 0; l < memberCount.length; l++) {
            System.arraycopy(m, at, members[l], 0, memberCount[l]);
            System.arraycopy(s, at, memberS[l], 0, memberCount[l]);
            at += memberCount[l];
        }
    }
}
