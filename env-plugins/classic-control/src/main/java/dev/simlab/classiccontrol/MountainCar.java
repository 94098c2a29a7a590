package dev.simlab.classiccontrol;

import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.StateValues;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Space;

/**
 * Gymnasium's {@code MountainCar-v0} (Moore 1990, Sutton &amp; Barto example 10.1): an
 * underpowered car in a valley must rock back and forth to reach the flag on the right hill.
 *
 * <p>State {@code (position, velocity)} in float64; observation the same as float32,
 * {@code Box([-1.2, -0.07], [0.6, 0.07])}. Actions {@code Discrete(3)}: accelerate left, don't,
 * accelerate right. One step, in Gymnasium's order: {@code velocity += (action - 1) * force +
 * cos(3 * position) * (-gravity)}, clipped to ±0.07; {@code position += velocity}, clipped to
 * [-1.2, 0.6]; at the left wall a negative velocity becomes 0. Terminated when
 * {@code position >= 0.5} and {@code velocity >= goal_velocity}. Reward -1 on every step. Reset:
 * position uniform in [-0.6, -0.4), velocity 0. Time limit 200 (the lab's wrapper).
 */
public final class MountainCar extends ClassicControlEnv {
    static final double MIN_POSITION = -1.2;
    static final double MAX_POSITION = 0.6;
    static final double MAX_SPEED = 0.07;
    static final double GOAL_POSITION = 0.5;
    static final double GRAVITY = 0.0025;
    static final double DEFAULT_FORCE = 0.001;
    static final double DEFAULT_GOAL_VELOCITY = 0;

    static final Box OBSERVATION_SPACE = Space.box(
            new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
            new float[] {(float) MAX_POSITION, (float) MAX_SPEED});

    private final double force;
    private final double goalVelocity;

    /** Gymnasium's defaults. */
    public MountainCar() {
        this(DEFAULT_FORCE, DEFAULT_GOAL_VELOCITY);
    }

    public MountainCar(double force, double goalVelocity) {
        super("mountaincar", new String[] {"position", "velocity"}, OBSERVATION_SPACE, 3);
        this.force = force;
        this.goalVelocity = goalVelocity;
    }

    /** Height of the hill at {@code x}, as Gymnasium renders it: {@code sin(3x) * 0.45 + 0.55}. */
    public static double height(double x) {
        return Math.sin(3 * x) * 0.45 + 0.55;
    }

    @Override
    protected void resetState(Rng rng) {
        state[0] = rng.uniform(-0.6, -0.4);
        state[1] = 0;
    }

    @Override
    protected boolean advance(int action, Rng rng) {
        double position = state[0];
        double velocity = state[1];
        velocity += (action - 1) * force + Math.cos(3 * position) * (-GRAVITY);
        velocity = clip(velocity, -MAX_SPEED, MAX_SPEED);
        position += velocity;
        position = clip(position, MIN_POSITION, MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) velocity = 0;
        state[0] = position;
        state[1] = velocity;
        return position >= GOAL_POSITION && velocity >= goalVelocity;
    }

    /** {@code np.clip} for a scalar. */
    private static double clip(double v, double lo, double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    @Override
    protected double reward(boolean terminated) {
        return -1.0;
    }

    /** Hill, car and flag (tags {@code hill}, {@code car}, {@code goal}, {@code flag}); see docs/CLASSIC_CONTROL.md. */
    @Override
    public void describe(SceneBuilder scene, StateValues values) {
        ClassicScenes.mountainCar(state[0], GOAL_POSITION, scene);
    }
}
