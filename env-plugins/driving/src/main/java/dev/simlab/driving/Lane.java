package dev.simlab.driving;

/**
 * One lane of a road, after highway-env's {@code AbstractLane}: a centre line parametrised by the
 * longitudinal coordinate {@code s} (metres from the lane's start), a lateral coordinate
 * {@code lat} (metres to the right of the centre line, highway-env's convention: x forward, y to
 * the right), a width, and what the markings on its two sides look like.
 *
 * <p>Coordinates are written into caller-owned arrays so the simulation allocates nothing.
 */
abstract sealed class Lane permits Lane.Straight, Lane.Circular, Lane.Sine {
    /** Markings: none, dashed (lane change allowed), solid. */
    static final int NONE = 0, STRIPED = 1, CONTINUOUS = 2;

    final double width;
    /** Marking on the left (lat = -width/2) and right (lat = +width/2) edge. */
    final int leftLine, rightLine;
    /** highway-env's {@code forbidden}: vehicles may not change lanes into it (merge ramps). */
    final boolean forbidden;
    final double speedLimit;

    Lane(double width, int leftLine, int rightLine, boolean forbidden, double speedLimit) {
        this.width = width;
        this.leftLine = leftLine;
        this.rightLine = rightLine;
        this.forbidden = forbidden;
        this.speedLimit = speedLimit;
    }

    abstract double length();

    /** World position of {@code (s, lat)} into {@code out[0..1]}. */
    abstract void position(double s, double lat, double[] out);

    /** Heading of the centre line at {@code s} (radians, 0 along +x). */
    abstract double headingAt(double s);

    /** {@code (s, lat)} of the world point {@code (x, y)} into {@code out[0..1]}. */
    abstract void local(double x, double y, double[] out);

    /** highway-env's {@code on_lane}: within the lane's width (plus margin) and at most a vehicle length beyond its ends. */
    final boolean onLane(double s, double lat, double margin) {
        return Math.abs(lat) <= width / 2 + margin && s >= -Vehicles.LENGTH && s < length() + Vehicles.LENGTH;
    }

    /** highway-env's {@code is_reachable_from}: close enough laterally to start a lane change into it. */
    final boolean reachableFrom(double s, double lat) {
        return Math.abs(lat) <= 2 * width && s >= 0 && s < length() + Vehicles.LENGTH;
    }

    /** highway-env's {@code distance}: how far a point is from the lane, used to find the closest lane. */
    final double distance(double s, double lat) {
        return Math.abs(lat) + Math.max(s - length(), 0) + Math.max(-s, 0);
    }

    /** The angle {@code a} brought into [-π, π) (highway-env's {@code wrap_to_pi}). */
    static double wrapToPi(double a) {
        return ((a + Math.PI) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI) - Math.PI;
    }

    static final class Straight extends Lane {
        final double x0, y0, dx, dy, length, heading;

        Straight(double x0, double y0, double x1, double y1, double width, int leftLine, int rightLine, boolean forbidden, double speedLimit) {
            super(width, leftLine, rightLine, forbidden, speedLimit);
            this.x0 = x0;
            this.y0 = y0;
            this.length = Math.hypot(x1 - x0, y1 - y0);
            this.dx = (x1 - x0) / length;
            this.dy = (y1 - y0) / length;
            this.heading = Math.atan2(dy, dx);
        }

        @Override
        double length() {
            return length;
        }

        @Override
        void position(double s, double lat, double[] out) {
            out[0] = x0 + s * dx - lat * dy;
            out[1] = y0 + s * dy + lat * dx;
        }

        @Override
        double headingAt(double s) {
            return heading;
        }

        @Override
        void local(double x, double y, double[] out) {
            double ex = x - x0, ey = y - y0;
            out[0] = ex * dx + ey * dy;
            out[1] = -ex * dy + ey * dx;
        }
    }

    /** An arc around {@code (cx, cy)}, highway-env's {@code CircularLane}. */
    static final class Circular extends Lane {
        final double cx, cy, radius, startPhase, endPhase, direction, length;

        Circular(double cx, double cy, double radius, double startPhase, double endPhase, boolean clockwise, double width,
                 int leftLine, int rightLine, double speedLimit) {
            super(width, leftLine, rightLine, false, speedLimit);
            this.cx = cx;
            this.cy = cy;
            this.radius = radius;
            this.startPhase = startPhase;
            this.endPhase = endPhase;
            this.direction = clockwise ? 1 : -1;
            this.length = radius * (endPhase - startPhase) * direction;
        }

        @Override
        double length() {
            return length;
        }

        @Override
        void position(double s, double lat, double[] out) {
            double phi = direction * s / radius + startPhase;
            double r = radius - lat * direction;
            out[0] = cx + r * Math.cos(phi);
            out[1] = cy + r * Math.sin(phi);
        }

        @Override
        double headingAt(double s) {
            return direction * s / radius + startPhase + Math.PI / 2 * direction;
        }

        @Override
        void local(double x, double y, double[] out) {
            double ex = x - cx, ey = y - cy;
            double phi = Math.atan2(ey, ex);
            phi = startPhase + wrapToPi(phi - startPhase);
            double r = Math.hypot(ex, ey);
            out[0] = direction * (phi - startPhase) * radius;
            out[1] = direction * (radius - r);
        }
    }

    /** A straight lane with a sinusoidal lateral offset, highway-env's {@code SineLane} (merge ramps, winding roads). */
    static final class Sine extends Lane {
        final Straight base;
        final double amplitude, pulsation, phase;

        Sine(double x0, double y0, double x1, double y1, double amplitude, double pulsation, double phase, double width,
             int leftLine, int rightLine, boolean forbidden, double speedLimit) {
            super(width, leftLine, rightLine, forbidden, speedLimit);
            this.base = new Straight(x0, y0, x1, y1, width, leftLine, rightLine, forbidden, speedLimit);
            this.amplitude = amplitude;
            this.pulsation = pulsation;
            this.phase = phase;
        }

        @Override
        double length() {
            return base.length;
        }

        @Override
        void position(double s, double lat, double[] out) {
            base.position(s, lat + amplitude * Math.sin(pulsation * s + phase), out);
        }

        @Override
        double headingAt(double s) {
            return base.heading + Math.atan(amplitude * pulsation * Math.cos(pulsation * s + phase));
        }

        @Override
        void local(double x, double y, double[] out) {
            base.local(x, y, out);
            out[1] -= amplitude * Math.sin(pulsation * out[0] + phase);
        }
    }
}
