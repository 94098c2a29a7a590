package dev.simlab.classiccontrol;

import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.StateValues;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Space;

/**
 * Gymnasium's {@code Pendulum-v1}: swing a pendulum up from a random angle and hold it upright
 * with a limited torque at its pivot.
 *
 * <p>State {@code (theta, theta_dot)} in float64; theta is 0 upright and grows anticlockwise
 * (Gymnasium's convention). Observation {@code (cos theta, sin theta, theta_dot)} as float32,
 * {@code Box([-1, -1, -8], [1, 1, 8])}. Action: the torque, {@code Box(-2, 2, (1,))}, clipped to
 * ±2 by the env. One step, in Gymnasium's order: cost {@code normalize(theta)^2 + 0.1 *
 * theta_dot^2 + 0.001 * u^2}; {@code theta_dot += (3g / (2l) * sin(theta) + 3 / (m l^2) * u) *
 * dt}, clipped to ±8; {@code theta += theta_dot * dt}, with {@code dt = 0.05}, {@code m = l =
 * 1}. Reward {@code -cost}, at most 0 (upright, still, no torque) and about -16.27 at worst.
 * Never terminates; the time limit is 200 (the lab's wrapper). Reset: theta uniform in [-π, π),
 * theta_dot uniform in [-1, 1).
 *
 * <p>Everything is float64, the float32 action included, as in Gymnasium's recorded transitions
 * (shared/data/gymnasium-reference/pendulum.csv, where the action reached the env as a float64
 * array); rewards come out bit-identical. Given a float32 NumPy array, NumPy 2 would compute
 * {@code 0.001 * u**2} and {@code 3.0 * u} in float32, about 1e-8 apart.
 */
public final class Pendulum extends ClassicControlEnv {
    static final double MAX_SPEED = 8;
    static final float MAX_TORQUE = 2.0f;
    static final double DT = 0.05;
    static final double MASS = 1.0;
    static final double LENGTH = 1.0;
    static final double DEFAULT_GRAVITY = 10.0;

    static final Box OBSERVATION_SPACE = Space.box(new float[] {-1, -1, (float) -MAX_SPEED}, new float[] {1, 1, (float) MAX_SPEED});
    static final Box ACTION_SPACE = Box.uniform(-MAX_TORQUE, MAX_TORQUE, 1);

    private final double gravity;
    /** Written by {@link #advance(float[], Rng)} for {@link #reward} in the same step; not state. */
    private double cost;

    /** Gymnasium's default, {@code g = 10}. */
    public Pendulum() {
        this(DEFAULT_GRAVITY);
    }

    public Pendulum(double gravity) {
        super("pendulum", new String[] {"theta", "theta_dot"}, OBSERVATION_SPACE, ACTION_SPACE);
        this.gravity = gravity;
    }

    @Override
    protected void resetState(Rng rng) {
        state[0] = rng.uniform(-Math.PI, Math.PI);
        state[1] = rng.uniform(-1, 1);
    }

    @Override
    protected boolean advance(float[] action, Rng rng) {
        double th = state[0];
        double thdot = state[1];
        double u = Math.min(Math.max(action[0], -MAX_TORQUE), MAX_TORQUE);
        double normalized = angleNormalize(th);
        cost = normalized * normalized + 0.1 * (thdot * thdot) + 0.001 * (u * u);
        double newthdot = thdot + (3 * gravity / (2 * LENGTH) * Math.sin(th) + 3.0 / (MASS * LENGTH * LENGTH) * u) * DT;
        newthdot = Math.min(Math.max(newthdot, -MAX_SPEED), MAX_SPEED);
        state[0] = th + newthdot * DT;
        state[1] = newthdot;
        return false;
    }

    /** Gymnasium's {@code angle_normalize}: {@code ((x + π) mod 2π) - π} with Python's (floor) modulo, in [-π, π). */
    static double angleNormalize(double x) {
        double twoPi = 2 * Math.PI;
        double m = (x + Math.PI) % twoPi;
        if (m < 0) m += twoPi;
        return m - Math.PI;
    }

    @Override
    protected double reward(boolean terminated) {
        return -cost;
    }

    @Override
    public void observation(float[] out) {
        out[0] = (float) Math.cos(state[0]);
        out[1] = (float) Math.sin(state[0]);
        out[2] = (float) state[1];
    }

    /** Rod and hinge (tags {@code rod}, {@code hinge}); see docs/CLASSIC_CONTROL.md. */
    @Override
    public void describe(SceneBuilder scene, StateValues values) {
        ClassicScenes.pendulum(state[0], scene);
    }
}
