package dev.simlab.classiccontrol;

import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.StateValues;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Space;

/**
 * Gymnasium's {@code CartPole-v1} (Barto, Sutton & Anderson 1983): push a cart left or right to
 * keep the pole on it upright.
 *
 * <p>State {@code (x, x_dot, theta, theta_dot)} in float64; theta is 0 upright and positive
 * leaning toward +x. Observation: the state as float32, {@code Box} with bounds
 * {@code ±(4.8, float32 max, 0.41887903, float32 max)}. Actions {@code Discrete(2)}: 0 pushes
 * left, 1 pushes right with {@code force_mag}. One Euler step of {@code tau = 0.02} s per
 * action, with Gymnasium's equations and operation order; terminated when {@code |x| > 2.4} or
 * {@code |theta| > 12°}. Reward +1 on every step, the terminating one included (with
 * {@code sutton_barto_reward}: 0, and -1 on the terminating step). Reset draws every state
 * component uniformly in [-0.05, 0.05). Time limit 500 (the lab's wrapper).
 */
public final class CartPole extends ClassicControlEnv {
    static final double GRAVITY = 9.8;
    static final double MASSCART = 1.0;
    static final double MASSPOLE = 0.1;
    static final double TOTAL_MASS = MASSPOLE + MASSCART;
    /** Half the pole's length (Gymnasium's {@code length}). */
    static final double LENGTH = 0.5;
    static final double POLEMASS_LENGTH = MASSPOLE * LENGTH;
    static final double TAU = 0.02;
    static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    static final double X_THRESHOLD = 2.4;
    static final double DEFAULT_FORCE_MAG = 10.0;

    static final Box OBSERVATION_SPACE = Space.box(
            new float[] {(float) (-X_THRESHOLD * 2), -Float.MAX_VALUE, (float) (-THETA_THRESHOLD_RADIANS * 2), -Float.MAX_VALUE},
            new float[] {(float) (X_THRESHOLD * 2), Float.MAX_VALUE, (float) (THETA_THRESHOLD_RADIANS * 2), Float.MAX_VALUE});

    private final double forceMag;
    private final boolean suttonBartoReward;

    /** Gymnasium's defaults. */
    public CartPole() {
        this(DEFAULT_FORCE_MAG, false);
    }

    public CartPole(double forceMag, boolean suttonBartoReward) {
        super("cartpole", new String[] {"x", "x_dot", "theta", "theta_dot"}, OBSERVATION_SPACE, 2);
        this.forceMag = forceMag;
        this.suttonBartoReward = suttonBartoReward;
    }

    public double forceMag() {
        return forceMag;
    }

    @Override
    protected void resetState(Rng rng) {
        for (int i = 0; i < 4; i++) state[i] = rng.uniform(-0.05, 0.05);
    }

    @Override
    protected boolean advance(int action, Rng rng) {
        double x = state[0];
        double xDot = state[1];
        double theta = state[2];
        double thetaDot = state[3];
        double force = action == 1 ? forceMag : -forceMag;
        double costheta = Math.cos(theta);
        double sintheta = Math.sin(theta);
        double temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sintheta) / TOTAL_MASS;
        double thetaacc = (GRAVITY * sintheta - costheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASSPOLE * (costheta * costheta) / TOTAL_MASS));
        double xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS;
        // kinematics_integrator == "euler": positions from the old velocities
        x = x + TAU * xDot;
        xDot = xDot + TAU * xacc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaacc;
        state[0] = x;
        state[1] = xDot;
        state[2] = theta;
        state[3] = thetaDot;
        return x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
    }

    @Override
    protected double reward(boolean terminated) {
        if (suttonBartoReward) return terminated ? -1.0 : 0.0;
        return 1.0;
    }

    /** Track, cart and pole (tags {@code track}, {@code cart}, {@code pole}, {@code axle}); see docs/CLASSIC_CONTROL.md. */
    @Override
    public void describe(SceneBuilder scene, StateValues values) {
        ClassicScenes.cartPole(state[0], state[2], scene);
    }
}
