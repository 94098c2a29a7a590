package dev.simlab.classiccontrol;

import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.StateValues;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Space;

/**
 * Gymnasium's {@code Acrobot-v1} (Sutton 1996; dynamics of Sutton &amp; Barto's book): two links
 * hanging from a fixed pivot, torque only at the joint between them; swing the tip above a line
 * one link length over the pivot.
 *
 * <p>State {@code (theta1, theta2, theta1_dot, theta2_dot)} in float64: theta1 is the first
 * link's angle from hanging straight down, theta2 the second's relative to the first.
 * Observation {@code [cos θ1, sin θ1, cos θ2, sin θ2, θ1_dot, θ2_dot]} as float32, {@code Box}
 * of ±{@code [1, 1, 1, 1, 4π, 9π]}. Actions {@code Discrete(3)}: torque -1, 0, +1 (plus a
 * uniform draw in ±{@code torque_noise_max} when that is above 0). One step integrates the
 * "book" equations over {@code dt = 0.2} s with one classical Runge–Kutta step on the state
 * augmented with the torque, exactly as Gymnasium's {@code rk4} helper; then the angles are
 * wrapped into [-π, π] with Gymnasium's {@code wrap} and the velocities clipped with
 * {@code bound} to ±4π and ±9π. Terminated when {@code -cos θ1 - cos(θ2 + θ1) > 1}. Reward -1
 * a step, 0 on the terminating one. Reset: each state value uniform in [-0.1, 0.1), rounded to
 * float32 as Gymnasium's {@code .astype(np.float32)} does. Time limit 500 (the lab's wrapper).
 */
public final class Acrobot extends ClassicControlEnv {
    static final double DT = 0.2;
    static final double LINK_LENGTH_1 = 1.0;
    static final double LINK_LENGTH_2 = 1.0;
    static final double LINK_MASS_1 = 1.0;
    static final double LINK_MASS_2 = 1.0;
    static final double LINK_COM_POS_1 = 0.5;
    static final double LINK_COM_POS_2 = 0.5;
    static final double LINK_MOI = 1.0;
    static final double G = 9.8;
    static final double MAX_VEL_1 = 4 * Math.PI;
    static final double MAX_VEL_2 = 9 * Math.PI;
    static final double[] AVAIL_TORQUE = {-1.0, 0.0, +1};

    static final Box OBSERVATION_SPACE = Space.box(
            new float[] {-1, -1, -1, -1, (float) -MAX_VEL_1, (float) -MAX_VEL_2},
            new float[] {1, 1, 1, 1, (float) MAX_VEL_1, (float) MAX_VEL_2});

    private final double torqueNoiseMax;
    // RK4 work arrays: the augmented state (theta1, theta2, dtheta1, dtheta2, torque) and stages
    private final double[] y0 = new double[5];
    private final double[] y = new double[5];
    private final double[] k1 = new double[5];
    private final double[] k2 = new double[5];
    private final double[] k3 = new double[5];
    private final double[] k4 = new double[5];

    /** Gymnasium's defaults (no torque noise). */
    public Acrobot() {
        this(0);
    }

    public Acrobot(double torqueNoiseMax) {
        super("acrobot", new String[] {"theta1", "theta2", "theta1_dot", "theta2_dot"}, OBSERVATION_SPACE, 3);
        this.torqueNoiseMax = torqueNoiseMax;
    }

    @Override
    protected void resetState(Rng rng) {
        for (int i = 0; i < 4; i++) state[i] = (float) rng.uniform(-0.1, 0.1);
    }

    @Override
    protected boolean advance(int action, Rng rng) {
        double torque = AVAIL_TORQUE[action];
        if (torqueNoiseMax > 0) torque += rng.uniform(-torqueNoiseMax, torqueNoiseMax);
        System.arraycopy(state, 0, y0, 0, 4);
        y0[4] = torque;
        rk4();
        state[0] = wrap(state[0], -Math.PI, Math.PI);
        state[1] = wrap(state[1], -Math.PI, Math.PI);
        state[2] = bound(state[2], -MAX_VEL_1, MAX_VEL_1);
        state[3] = bound(state[3], -MAX_VEL_2, MAX_VEL_2);
        return terminal();
    }

    /** Gymnasium's {@code rk4(self._dsdt, s_augmented, [0, dt])}: one step, the first four values of the last row into {@link #state}. */
    private void rk4() {
        double dt = DT - 0;
        double dt2 = dt / 2.0;
        dsdt(y0, k1);
        for (int i = 0; i < 5; i++) y[i] = y0[i] + dt2 * k1[i];
        dsdt(y, k2);
        for (int i = 0; i < 5; i++) y[i] = y0[i] + dt2 * k2[i];
        dsdt(y, k3);
        for (int i = 0; i < 5; i++) y[i] = y0[i] + dt * k3[i];
        dsdt(y, k4);
        double sixth = dt / 6.0;
        for (int i = 0; i < 4; i++) state[i] = y0[i] + sixth * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }

    /** Gymnasium's {@code _dsdt} with {@code book_or_nips = "book"}, term for term in its order. */
    private static void dsdt(double[] s, double[] out) {
        double m1 = LINK_MASS_1;
        double m2 = LINK_MASS_2;
        double l1 = LINK_LENGTH_1;
        double lc1 = LINK_COM_POS_1;
        double lc2 = LINK_COM_POS_2;
        double i1 = LINK_MOI;
        double i2 = LINK_MOI;
        double g = G;
        double a = s[4];
        double theta1 = s[0];
        double theta2 = s[1];
        double dtheta1 = s[2];
        double dtheta2 = s[3];
        double cos2 = Math.cos(theta2);
        double sin2 = Math.sin(theta2);
        double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2;
        double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2;
        double phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin2
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
                + (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2)
                + phi2;
        double ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin2 - phi2)
                / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        out[0] = dtheta1;
        out[1] = dtheta2;
        out[2] = ddtheta1;
        out[3] = ddtheta2;
        out[4] = 0.0;
    }

    /** Gymnasium's {@code wrap(x, m, M)}: shifts by {@code M - m} until x lies in [m, M]. */
    static double wrap(double x, double m, double big) {
        double diff = big - m;
        while (x > big) x = x - diff;
        while (x < m) x = x + diff;
        return x;
    }

    /** Gymnasium's {@code bound(x, m, M)}: {@code min(max(x, m), M)}. */
    static double bound(double x, double m, double big) {
        return Math.min(Math.max(x, m), big);
    }

    private boolean terminal() {
        return -Math.cos(state[0]) - Math.cos(state[1] + state[0]) > 1.0;
    }

    @Override
    protected double reward(boolean terminated) {
        return terminated ? 0.0 : -1.0;
    }

    @Override
    public void observation(float[] out) {
        out[0] = (float) Math.cos(state[0]);
        out[1] = (float) Math.sin(state[0]);
        out[2] = (float) Math.cos(state[1]);
        out[3] = (float) Math.sin(state[1]);
        out[4] = (float) state[2];
        out[5] = (float) state[3];
    }

    /** Two links, their joints and the target line (tags {@code link1}, {@code link2}, {@code joint}, {@code goal}); see docs/CLASSIC_CONTROL.md. */
    @Override
    public void describe(SceneBuilder scene, StateValues values) {
        ClassicScenes.acrobot(state[0], state[1], scene);
    }
}
