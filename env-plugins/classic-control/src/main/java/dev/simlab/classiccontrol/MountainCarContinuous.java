package dev.simlab.classiccontrol;

import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.StateValues;
import dev.simlab.core.space.Box;

/**
 * Gymnasium's {@code MountainCarContinuous-v0}: {@link MountainCar}'s valley with a continuous
 * throttle, a reward of +100 for reaching the flag and a charge for every push.
 *
 * <p>State {@code (position, velocity)}, observation the same as float32 in
 * {@code Box([-1.2, -0.07], [0.6, 0.07])}. Action: the force, {@code Box(-1, 1, (1,))}. One
 * step, in Gymnasium's order: the force is the action clipped to ±1; {@code velocity += force *
 * power - 0.0025 * cos(3 * position)} with {@code power = 0.0015}, clipped to ±0.07;
 * {@code position += velocity}, clipped to [-1.2, 0.6]; at the left wall a negative velocity
 * becomes 0. Terminated when {@code position >= 0.45} and {@code velocity >= goal_velocity}.
 * Reward {@code 100} on reaching the goal, minus {@code 0.1 * action^2} every step (the unclipped
 * action, as Gymnasium). Reset: position uniform in [-0.6, -0.4), velocity 0. Time limit 999
 * (the lab's wrapper).
 *
 * <p>Gymnasium keeps this env's state in float32 ({@code np.array([position, velocity],
 * dtype=np.float32)} at the end of every step) but computes each step in float64: NumPy scalars
 * meet Python floats and {@code math.cos}, and the recorded transitions
 * (shared/data/gymnasium-reference/mountaincar-continuous.csv) match float64 arithmetic rounded
 * to float32 at the end bit for bit, and not float32 arithmetic. This class does the same:
 * {@link #state} holds float32 values as doubles, except the start state, which Gymnasium's
 * reset leaves float64 too.
 */
public final class MountainCarContinuous extends ClassicControlEnv {
    static final float MIN_ACTION = -1.0f;
    static final float MAX_ACTION = 1.0f;
    static final double MIN_POSITION = MountainCar.MIN_POSITION;
    static final double MAX_POSITION = MountainCar.MAX_POSITION;
    static final double MAX_SPEED = MountainCar.MAX_SPEED;
    /** 0.45 here; MountainCar-v0's flag stands at 0.5. */
    static final double GOAL_POSITION = 0.45;
    static final double POWER = 0.0015;
    static final double GRAVITY = 0.0025;
    static final double DEFAULT_GOAL_VELOCITY = 0;

    static final Box ACTION_SPACE = Box.uniform(MIN_ACTION, MAX_ACTION, 1);

    private final double goalVelocity;
    /** Written by {@link #advance(float[], Rng)} for {@link #reward} in the same step; not state. */
    private double actionCost;

    /** Gymnasium's default, {@code goal_velocity = 0}. */
    public MountainCarContinuous() {
        this(DEFAULT_GOAL_VELOCITY);
    }

    public MountainCarContinuous(double goalVelocity) {
        super("mountaincar-continuous", new String[] {"position", "velocity"}, MountainCar.OBSERVATION_SPACE, ACTION_SPACE);
        this.goalVelocity = goalVelocity;
    }

    @Override
    protected void resetState(Rng rng) {
        state[0] = rng.uniform(-0.6, -0.4);
        state[1] = 0;
    }

    @Override
    protected boolean advance(float[] action, Rng rng) {
        double position = state[0];
        double velocity = state[1];
        double force = Math.min(Math.max(action[0], MIN_ACTION), MAX_ACTION);
        velocity += force * POWER - GRAVITY * Math.cos(3 * position);
        if (velocity > MAX_SPEED) velocity = MAX_SPEED;
        if (velocity < -MAX_SPEED) velocity = -MAX_SPEED;
        position += velocity;
        if (position > MAX_POSITION) position = MAX_POSITION;
        if (position < MIN_POSITION) position = MIN_POSITION;
        if (position == MIN_POSITION && velocity < 0) velocity = 0;
        boolean terminated = position >= GOAL_POSITION && velocity >= goalVelocity;
        // Gymnasium stores the state as float32; the next step starts from the rounded values.
        state[0] = (float) position;
        state[1] = (float) velocity;
        actionCost = (double) action[0] * action[0] * 0.1;
        return terminated;
    }

    @Override
    protected double reward(boolean terminated) {
        return (terminated ? 100.0 : 0) - actionCost;
    }

    /** Hill, car and flag as {@link MountainCar}'s, the flag at 0.45 (tags {@code hill}, {@code car}, {@code goal}, {@code flag}). */
    @Override
    public void describe(SceneBuilder scene, StateValues values) {
        ClassicScenes.mountainCar(state[0], GOAL_POSITION, scene);
    }
}
