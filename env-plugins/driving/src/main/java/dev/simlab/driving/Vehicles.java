package dev.simlab.driving;

/**
 * Every vehicle on the road, as parallel arrays (structure of arrays: the simulation step touches
 * a few fields of every vehicle and allocates nothing). Vehicle 0 is the ego vehicle.
 *
 * <p>Dynamics follow highway-env ({@code Vehicle}, {@code ControlledVehicle}, {@code MDPVehicle},
 * {@code IDMVehicle}): a kinematic bicycle model; lane-following through highway-env's lateral
 * and heading controllers; IDM car-following and MOBIL lane changes for traffic; the ego either
 * through meta-actions (target lane and target speed, tracked by the same controllers) or through
 * direct acceleration and steering.
 *
 * <p>Neighbour lookup: each lane keeps the vehicles on it (highway-env's {@code on_lane} with a
 * 1 m margin, so a vehicle changing lanes is on both) sorted by their longitudinal coordinate;
 * the lists are rebuilt after every step from a persistent order sorted by x (insertion sort of
 * an almost sorted array: linear). Collisions: sort-and-sweep on x as broad phase, then the
 * separating-axis test on the two oriented boxes.
 */
final class Vehicles {
    static final double LENGTH = 5.0, WIDTH = 2.0;
    static final double MAX_SPEED = 40, MIN_SPEED = -40;
    // highway-env ControlledVehicle
    static final double TAU_ACC = 0.6, TAU_HEADING = 0.2, TAU_LATERAL = 0.6, TAU_PURSUIT = 0.5 * TAU_HEADING;
    static final double KP_A = 1 / TAU_ACC, KP_HEADING = 1 / TAU_HEADING, KP_LATERAL = 1 / TAU_LATERAL;
    static final double MAX_STEERING_ANGLE = Math.PI / 3;

    /** Kinds of vehicle. */
    static final int IDM = 0, EGO_META = 1, EGO_CONTINUOUS = 2, STATIC = 3;

    /** Meta-actions, highway-env's DiscreteMetaAction indices. */
    static final int LANE_LEFT = 0, IDLE = 1, LANE_RIGHT = 2, FASTER = 3, SLOWER = 4;

    final Road road;
    final Traffic p;
    final int capacity;
    int n;

    final double[] x, y, h, v, cosH, sinH, acc, steer, targetSpeed, delta, timer, halfLength, halfWidth;
    final double[] laneS, laneLat;
    final int[] lane, targetLane, kind;
    final boolean[] crashed, checkCollisions, laneChanges, onRoad;
    /** Per-vehicle route (lanes to follow at lane ends, e.g. a turn through an intersection); routeLen 0: the road's successors. */
    final int[][] route;
    final int[] routeLen, routeIdx;
    /** Ego target speeds (meta-actions). */
    double[] egoSpeeds = {20, 25, 30};

    /** Lanes that connect through an intersection: traffic entering them yields (see {@link #yieldGap}). */
    boolean[] conflictZone;
    /** For each lane, the arm of the intersection it comes from (-1: none). */
    int[] arm;

    // per-lane membership, sorted by s
    private final int[][] members;
    private final double[][] memberS;
    private final int[] memberCount;
    private final int[] order;
    private final double[] tmp = new double[2];
    private double maxHalfDiagonal;

    // results of the last neighbours() call
    private int front, rear;
    private double frontGap, rearGap;

    Vehicles(Road road, Traffic params, int capacity) {
        this.road = road;
        this.p = params;
        this.capacity = capacity;
        x = new double[capacity];
        y = new double[capacity];
        h = new double[capacity];
        v = new double[capacity];
        cosH = new double[capacity];
        sinH = new double[capacity];
        acc = new double[capacity];
        steer = new double[capacity];
        targetSpeed = new double[capacity];
        delta = new double[capacity];
        timer = new double[capacity];
        halfLength = new double[capacity];
        halfWidth = new double[capacity];
        laneS = new double[capacity];
        laneLat = new double[capacity];
        lane = new int[capacity];
        targetLane = new int[capacity];
        kind = new int[capacity];
        crashed = new boolean[capacity];
        checkCollisions = new boolean[capacity];
        laneChanges = new boolean[capacity];
        onRoad = new boolean[capacity];
        route = new int[capacity][8];
        routeLen = new int[capacity];
        routeIdx = new int[capacity];
        int lanes = road.laneCount();
        members = new int[lanes][capacity];
        memberS = new double[lanes][capacity];
        memberCount = new int[lanes];
        order = new int[capacity];
        conflictZone = new boolean[lanes];
        arm = new int[lanes];
        java.util.Arrays.fill(arm, -1);
    }

    void clear() {
        n = 0;
    }

    /** Adds a vehicle at a world pose; its lane is the closest one. Returns its index. */
    int add(int kind, double px, double py, double heading, double speed) {
        if (n == capacity) throw new IllegalStateException("more than " + capacity + " vehicles");
        int i = n++;
        this.kind[i] = kind;
        x[i] = px;
        y[i] = py;
        h[i] = heading;
        v[i] = speed;
        cosH[i] = Math.cos(heading);
        sinH[i] = Math.sin(heading);
        acc[i] = 0;
        steer[i] = 0;
        targetSpeed[i] = speed;
        delta[i] = p.delta();
        // highway-env: timer = (sum(position) * pi) % LANE_CHANGE_DELAY
        timer[i] = ((px + py) * Math.PI) % p.laneChangeDelay();
        if (timer[i] < 0) timer[i] += p.laneChangeDelay();
        boolean isStatic = kind == STATIC;
        halfLength[i] = isStatic ? 1.0 : LENGTH / 2;
        halfWidth[i] = isStatic ? 1.0 : WIDTH / 2;
        crashed[i] = false;
        checkCollisions[i] = true;
        laneChanges[i] = kind == IDM;
        routeLen[i] = 0;
        routeIdx[i] = 0;
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int l = 0; l < road.laneCount(); l++) {
            road.lanes[l].local(px, py, tmp);
            double d = road.lanes[l].distance(tmp[0], tmp[1]);
            if (d < bestD) {
                bestD = d;
                best = l;
            }
        }
        lane[i] = best;
        targetLane[i] = best;
        road.lanes[best].local(px, py, tmp);
        laneS[i] = tmp[0];
        laneLat[i] = tmp[1];
        onRoad[i] = road.lanes[best].onLane(tmp[0], tmp[1], 0);
        return i;
    }

    /** Sets vehicle {@code i}'s route: the lanes it follows, starting with its current lane. */
    void route(int i, int... lanes) {
        System.arraycopy(lanes, 0, route[i], 0, lanes.length);
        routeLen[i] = lanes.length;
        routeIdx[i] = 0;
    }

    /** After adding vehicles: builds the sorted order and the lane lists. */
    void ready() {
        maxHalfDiagonal = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            maxHalfDiagonal = Math.max(maxHalfDiagonal, Math.hypot(halfLength[i], halfWidth[i]));
        }
        sortOrder();
        rebuildLanes();
    }

    // ---------------------------------------------------------------- ego actions

    /** highway-env MDPVehicle.act(meta-action): changes the target lane or speed; unavailable actions do nothing. */
    void metaAction(int i, int action) {
        switch (action) {
            case FASTER, SLOWER -> {
                int idx = speedToIndex(v[i]) + (action == FASTER ? 1 : -1);
                idx = Math.max(0, Math.min(egoSpeeds.length - 1, idx));
                targetSpeed[i] = egoSpeeds[idx];
            }
            case LANE_LEFT, LANE_RIGHT -> {
                int t = road.side(targetLane[i], action == LANE_RIGHT ? 1 : -1);
                if (t < 0 || road.lanes[t].forbidden) return;
                road.lanes[t].local(x[i], y[i], tmp);
                if (road.lanes[t].reachableFrom(tmp[0], tmp[1])) targetLane[i] = t;
            }
            default -> { }
        }
    }

    int speedToIndex(double speed) {
        double[] s = egoSpeeds;
        if (s.length == 1) return 0;
        double f = (speed - s[0]) / (s[s.length - 1] - s[0]);
        return (int) Math.max(0, Math.min(s.length - 1, Math.rint(f * (s.length - 1))));
    }

    /** The speed index the ego would be at (highway-env's speed_index), for availability of FASTER/SLOWER. */
    int targetSpeedIndex(int i) {
        for (int k = 0; k < egoSpeeds.length; k++) if (egoSpeeds[k] == targetSpeed[i]) return k;
        return speedToIndex(targetSpeed[i]);
    }

    // ---------------------------------------------------------------- simulation

    /** highway-env Road.act(): every vehicle decides its controls from the current state. */
    void act() {
        for (int i = 0; i < n; i++) {
            switch (kind[i]) {
                case IDM -> actIdm(i);
                case EGO_META -> {
                    followRoad(i);
                    steer[i] = clip(steeringControl(i, targetLane[i]), -MAX_STEERING_ANGLE, MAX_STEERING_ANGLE);
                    acc[i] = KP_A * (targetSpeed[i] - v[i]);
                }
                default -> { }
            }
        }
    }

    /** highway-env Road.step(dt): moves every vehicle, then detects collisions and updates lanes. */
    void step(double dt) {
        for (int i = 0; i < n; i++) {
            if (kind[i] == STATIC) continue;
            if (crashed[i]) {
                steer[i] = 0;
                acc[i] = -1.0 * v[i];
            }
            if (kind[i] == IDM) timer[i] += dt;
            double a = acc[i];
            if (v[i] > MAX_SPEED) a = Math.min(a, 1.0 * (MAX_SPEED - v[i]));
            else if (v[i] < MIN_SPEED) a = Math.max(a, 1.0 * (MIN_SPEED - v[i]));
            double speed = v[i];
            double st = steer[i];
            if (st == 0) {
                x[i] += speed * cosH[i] * dt;
                y[i] += speed * sinH[i] * dt;
            } else {
                double beta = Math.atan(0.5 * Math.tan(st));
                double hb = h[i] + beta;
                x[i] += speed * Math.cos(hb) * dt;
                y[i] += speed * Math.sin(hb) * dt;
                h[i] += speed * Math.sin(beta) / (LENGTH / 2) * dt;
                cosH[i] = Math.cos(h[i]);
                sinH[i] = Math.sin(h[i]);
            }
            v[i] = speed + a * dt;
        }
        sortOrder();
        collide();
        updateLanes();
        rebuildLanes();
    }

    private void actIdm(int i) {
        if (crashed[i]) return;
        followRoad(i);
        if (laneChanges[i]) changeLanePolicy(i);
        steer[i] = clip(steeringControl(i, targetLane[i]), -MAX_STEERING_ANGLE, MAX_STEERING_ANGLE);
        neighbours(i, lane[i], true);
        double a = idm(i, front, frontGap, delta[i]);
        if (lane[i] != targetLane[i]) {
            neighbours(i, targetLane[i], true);
            a = Math.min(a, idm(i, front, frontGap, delta[i]));
        }
        double yield = yieldGap(i);
        if (yield < Double.POSITIVE_INFINITY) a = Math.min(a, idmToStop(i, yield));
        acc[i] = clip(a, -p.accMax(), p.accMax());
    }

    /** Switches the target lane to the next one on the route when the vehicle nears its end (highway-env follow_road). */
    private void followRoad(int i) {
        Lane t = road.lanes[targetLane[i]];
        t.local(x[i], y[i], tmp);
        if (tmp[0] > t.length() - LENGTH / 2) {
            int next = nextLane(i, targetLane[i]);
            if (next >= 0) targetLane[i] = next;
        }
    }

    /** The lane vehicle {@code i} continues on after {@code l}: its route's, else the road's successor. */
    int nextLane(int i, int l) {
        int len = routeLen[i];
        if (len > 0) {
            int[] r = route[i];
            for (int k = routeIdx[i]; k < len - 1; k++) if (r[k] == l) return r[k + 1];
            return -1;
        }
        return road.next[l];
    }

    /** highway-env ControlledVehicle.steering_control: lateral position → heading → yaw rate → steering. */
    double steeringControl(int i, int targetLane) {
        Lane l = road.lanes[targetLane];
        l.local(x[i], y[i], tmp);
        double s = tmp[0], lat = tmp[1];
        double speed = notZero(v[i]);
        double futureHeading = l.headingAt(s + v[i] * TAU_PURSUIT);
        double lateralSpeedCommand = -KP_LATERAL * lat;
        double headingCommand = Math.asin(clip(lateralSpeedCommand / speed, -1, 1));
        double headingRef = futureHeading + clip(headingCommand, -Math.PI / 4, Math.PI / 4);
        double headingRateCommand = KP_HEADING * wrapToPi(headingRef - h[i]);
        double slip = Math.asin(clip(LENGTH / 2 / speed * headingRateCommand, -1, 1));
        return Math.atan(2 * Math.tan(slip));
    }

    /**
     * IDM acceleration of {@code a} behind {@code b} at centre distance {@code gap} along the lane
     * (highway-env IDMVehicle.acceleration; {@code a} or {@code b} = -1 for none). {@code exponent}
     * is the deciding vehicle's delta, as highway-env evaluates others with its own parameters.
     */
    double idm(int a, int b, double gap, double exponent) {
        if (a < 0 || kind[a] == STATIC) return 0;
        double target = targetSpeed[a];
        double limit = road.lanes[lane[a]].speedLimit;
        if (!Double.isNaN(limit)) target = clip(target, 0, limit);
        double ratio = Math.max(v[a], 0) / Math.abs(notZero(target));
        double accel = p.comfortAccMax() * (1 - pow(ratio, exponent));
        if (b >= 0) {
            double r = desiredGap(a, b) / notZero(gap);
            accel -= p.comfortAccMax() * r * r;
        }
        return accel;
    }

    /** IDM toward a standing obstacle {@code gap} metres ahead (a stop line). */
    private double idmToStop(int a, double gap) {
        double target = Math.max(targetSpeed[a], 0.1);
        double accel = p.comfortAccMax() * (1 - pow(Math.max(v[a], 0) / target, delta[a]));
        double ab = -p.comfortAccMax() * p.comfortAccMin();
        double dStar = p.distanceWanted() - LENGTH / 2 + v[a] * p.timeWanted() + v[a] * v[a] / (2 * Math.sqrt(ab));
        double r = dStar / notZero(Math.max(gap, 0.01));
        return accel - p.comfortAccMax() * r * r;
    }

    private static double pow(double base, double exponent) {
        if (exponent == 4) {
            double b2 = base * base;
            return b2 * b2;
        }
        return Math.pow(base, exponent);
    }

    /** highway-env IDMVehicle.desired_gap with the projected speed difference. */
    double desiredGap(int a, int b) {
        double ab = -p.comfortAccMax() * p.comfortAccMin();
        double dv = v[a] - v[b] * (cosH[b] * cosH[a] + sinH[b] * sinH[a]);
        return p.distanceWanted() + v[a] * p.timeWanted() + v[a] * dv / (2 * Math.sqrt(ab));
    }

    /**
     * Intersection rule (not in highway-env, which uses priorities and predicted collisions): a
     * vehicle about to enter a conflict zone stops at its end while another vehicle from another arm
     * is inside it. Returns the distance to the stop line, or infinity when free to go.
     */
    private double yieldGap(int i) {
        int l = lane[i];
        int next = nextLane(i, l);
        if (next < 0 || !conflictZone[next] || conflictZone[l]) return Double.POSITIVE_INFINITY;
        double toEnd = road.lanes[l].length() - laneS[i] - halfLength[i];
        if (toEnd > 25 || toEnd < -1) return Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (j == i || !conflictZone[lane[j]] || arm[lane[j]] == arm[l] || kind[j] == STATIC) continue;
            return Math.max(toEnd, 0.01);
        }
        return Double.POSITIVE_INFINITY;
    }

    /** highway-env IDMVehicle.change_lane_policy: abort a lane change into a conflict, else try MOBIL once per delay. */
    private void changeLanePolicy(int i) {
        int l = lane[i], t = targetLane[i];
        if (l != t) {
            if (road.group[l] == road.group[t]) {
                for (int off = -1; off <= 1; off += 2) {
                    int side = road.side(t, off);
                    if (side < 0) continue;
                    int c = memberCount[side];
                    int[] m = members[side];
                    for (int k = 0; k < c; k++) {
                        int j = m[k];
                        if (j == i || lane[j] != side || targetLane[j] != t || (kind[j] != IDM && kind[j] != EGO_META)) continue;
                        Lane own = road.lanes[l];
                        own.local(x[j], y[j], tmp);
                        double d = tmp[0] - laneS[i];
                        if (0 < d && d < desiredGap(i, j)) {
                            targetLane[i] = l;
                            return;
                        }
                    }
                }
            }
            return;
        }
        if (!(p.laneChangeDelay() < timer[i])) return;
        timer[i] = 0;
        for (int off = -1; off <= 1; off += 2) {
            int side = road.side(l, off);
            if (side < 0 || road.lanes[side].forbidden) continue;
            road.lanes[side].local(x[i], y[i], tmp);
            if (!road.lanes[side].reachableFrom(tmp[0], tmp[1])) continue;
            if (Math.abs(v[i]) < 1) continue;
            if (mobil(i, side)) targetLane[i] = side;
        }
    }

    /** highway-env IDMVehicle.mobil: change if the own gain outweighs the others' loss and nobody brakes too hard. */
    private boolean mobil(int i, int newLane) {
        double d = delta[i];
        neighbours(i, newLane, false);
        int newPre = front, newFol = rear;
        double nfg = frontGap, nrg = rearGap;
        double newFollowingA = idm(newFol, newPre, nrg + nfg, d);
        double newFollowingPredA = idm(newFol, i, nrg, d);
        if (newFollowingPredA < -p.laneChangeMaxBrakingImposed()) return false;
        neighbours(i, lane[i], false);
        int oldPre = front, oldFol = rear;
        double ofg = frontGap, org = rearGap;
        double selfPredA = idm(i, newPre, nfg, d);
        double selfA = idm(i, oldPre, ofg, d);
        double oldFollowingA = idm(oldFol, i, org, d);
        double oldFollowingPredA = idm(oldFol, oldPre, org + ofg, d);
        double jerk = selfPredA - selfA + p.politeness() * (newFollowingPredA - newFollowingA + oldFollowingPredA - oldFollowingA);
        return jerk >= p.laneChangeMinAccGain();
    }

    /**
     * highway-env Road.neighbour_vehicles: the closest vehicle ahead ({@code s' >= s}) and behind on
     * lane {@code l}, by binary search in the lane's sorted list. With {@code lookAhead}, a vehicle
     * with nobody ahead on {@code l} sees the first vehicle on the lane its path continues on
     * (highway-env looks at one lane only; this matters at lane ends of merges and intersections).
     */
    void neighbours(int i, int l, boolean lookAhead) {
        Lane lane = road.lanes[l];
        lane.local(x[i], y[i], tmp);
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
            int next = nextLane(i, l);
            if (next >= 0 && memberCount[next] > 0) {
                int[] nm = members[next];
                double[] ns = memberS[next];
                for (int k = 0; k < memberCount[next]; k++) {
                    if (nm[k] != i && ns[k] >= 0) {
                        front = nm[k];
                        frontGap = lane.length() - s + ns[k];
                        break;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- bookkeeping

    private void sortOrder() {
        int[] o = order;
        for (int a = 1; a < n; a++) {
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

    /** Sort-and-sweep on x, then the separating-axis test; both vehicles of an overlapping pair crash. */
    private void collide() {
        int[] o = order;
        double reach = 2 * maxHalfDiagonal;
        for (int a = 0; a < n; a++) {
            int i = o[a];
            double xi = x[i];
            for (int b = a + 1; b < n; b++) {
                int j = o[b];
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

    /** Separating-axis test for two oriented rectangles. */
    boolean overlap(int i, int j) {
        double dx = x[j] - x[i], dy = y[j] - y[i];
        double ri = Math.hypot(halfLength[i], halfWidth[i]) + Math.hypot(halfLength[j], halfWidth[j]);
        if (dx * dx + dy * dy > ri * ri) return false;
        return boxesOverlap(x[i], y[i], cosH[i], sinH[i], halfLength[i], halfWidth[i], x[j], y[j], cosH[j], sinH[j], halfLength[j], halfWidth[j]);
    }

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

    /** highway-env get_closest_lane_index, among the current lane, its neighbours and the next lane. */
    private void updateLanes() {
        for (int i = 0; i < n; i++) {
            if (kind[i] == STATIC) continue;
            int cur = lane[i];
            int best = cur;
            road.lanes[cur].local(x[i], y[i], tmp);
            double bestD = road.lanes[cur].distance(tmp[0], tmp[1]);
            double bs = tmp[0], bl = tmp[1];
            for (int k = 0; k < 3; k++) {
                int l = k == 0 ? road.side(cur, -1) : k == 1 ? road.side(cur, 1) : nextLane(i, cur);
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
            if (best != cur && routeLen[i] > 0 && routeIdx[i] + 1 < routeLen[i] && route[i][routeIdx[i] + 1] == best) routeIdx[i]++;
            lane[i] = best;
            laneS[i] = bs;
            laneLat[i] = bl;
            onRoad[i] = road.lanes[best].onLane(bs, bl, 0);
        }
    }

    private void rebuildLanes() {
        java.util.Arrays.fill(memberCount, 0);
        for (int a = 0; a < n; a++) {
            int i = order[a];
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

    /** Longitudinal distance from {@code i} to {@code j} along {@code i}'s lane (highway-env lane_distance_to). */
    double laneDistance(int i, int j) {
        road.lanes[lane[i]].local(x[j], y[j], tmp);
        return tmp[0] - laneS[i];
    }

    static double notZero(double x) {
        if (Math.abs(x) > 1e-2) return x;
        return x >= 0 ? 1e-2 : -1e-2;
    }

    static double clip(double x, double lo, double hi) {
        return x < lo ? lo : (x > hi ? hi : x);
    }

    static double wrapToPi(double a) {
        return ((a + Math.PI) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI) - Math.PI;
    }
}
