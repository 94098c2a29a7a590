package dev.simlab.classiccontrol;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import java.io.IOException;
import java.util.Arrays;

/**
 * What the classic-control envs share: a float64 internal state (Gymnasium computes in
 * float64), a float32 Box observation derived from it, Discrete or Box actions, a seeded
 * {@link Rng}, and an allocation-free step that reuses one {@link Step}.
 *
 * <p>{@link #reset(long)} seeds and starts, {@link #reset()} continues the random stream;
 * {@code reset()} before any {@code reset(seed)} behaves as if seeded with 0. Stepping after a
 * terminal step, or before the first reset, throws {@link IllegalStateException} (Gymnasium only
 * warns). The env never truncates: the time limit is declared in the {@code EnvType} and applied
 * by the lab.
 *
 * <p>A Discrete env implements {@link #advance(int, Rng)}, a Box env {@link #advance(float[], Rng)};
 * the other one is never called. Box actions of the right length are passed on as given (finite
 * values only): as in Gymnasium, the env clips them where its dynamics say so, and a reward may
 * charge the unclipped action (MountainCarContinuous does).
 *
 * <p>A transition reads nothing but {@link #state}, the generator and the env's fixed
 * parameters, so {@link #saveState} captures an episode in progress exactly by writing the state,
 * the generator and whether the episode ended. Subclasses must keep no other changing state
 * (Acrobot's RK4 scratch arrays are rewritten from {@code state} every step; a reward that
 * {@code advance} computes for {@link #reward} is read within the same step).
 *
 * <p>{@link #setState(double...)} overwrites the whole internal state, as Gymnasium users do
 * with {@code env.unwrapped.state = ...}; tests replay Gymnasium's recorded transitions with it.
 */
public abstract class ClassicControlEnv implements Env {
    private final String name;
    private final String[] stateNames;
    private final Box observationSpace;
    private final Space actionSpace;
    private final Rng rng = new Rng(0);
    private final Step step;
    /** The internal state, in Gymnasium's order and units (float64). */
    protected final double[] state;
    private boolean done = true;

    /** An env with {@code Discrete(actions)} actions. */
    ClassicControlEnv(String name, String[] stateNames, Box observationSpace, int actions) {
        this(name, stateNames, observationSpace, new Discrete(actions));
    }

    /** An env with Box actions (or Discrete ones) as {@code actionSpace} says. */
    ClassicControlEnv(String name, String[] stateNames, Box observationSpace, Space actionSpace) {
        this.name = name;
        this.stateNames = stateNames.clone();
        this.observationSpace = observationSpace;
        this.actionSpace = actionSpace;
        this.state = new double[stateNames.length];
        this.step = new Step(observationSpace.flatSize());
    }

    /** Draws the start state (Gymnasium's {@code reset}) into {@link #state}. */
    protected abstract void resetState(Rng rng);

    /**
     * One transition from {@link #state} under the Discrete {@code action} (already validated), in place.
     *
     * @return whether the new state is terminal
     */
    protected boolean advance(int action, Rng rng) {
        throw new UnsupportedOperationException(name + " takes Discrete actions but does not implement them");
    }

    /**
     * One transition from {@link #state} under the Box {@code action} (the right length, finite,
     * not yet clipped; read during the call only), in place.
     *
     * @return whether the new state is terminal
     */
    protected boolean advance(float[] action, Rng rng) {
        throw new UnsupportedOperationException(name + " takes Box actions but does not implement them");
    }

    /** The reward of the transition just made, given whether it ended in a terminal state. */
    protected abstract double reward(boolean terminated);

    /**
     * Writes the observation of the current state (float32, as Gymnasium's {@code _get_obs}): here
     * the state cast to float32; envs that observe something else (cosines and sines) override it.
     */
    public void observation(float[] out) {
        for (int i = 0; i < state.length; i++) out[i] = (float) state[i];
    }

    @Override
    public final Space observationSpace() {
        return observationSpace;
    }

    @Override
    public final Space actionSpace() {
        return actionSpace;
    }

    @Override
    public final Step reset(long seed) {
        rng.setSeed(seed);
        return reset();
    }

    @Override
    public final Step reset() {
        resetState(rng);
        done = false;
        observation(step.observation());
        return step.start();
    }

    @Override
    public final Step step(int action) {
        if (!(actionSpace instanceof Discrete discrete)) throw new UnsupportedOperationException(name + " takes Box actions, not Discrete");
        requireRunning();
        if (action < 0 || action >= discrete.n()) throw new IllegalArgumentException("action " + action + " is outside " + actionSpace.describe());
        return finish(advance(action, rng));
    }

    @Override
    public final Step step(float[] action) {
        if (!(actionSpace instanceof Box box)) throw new UnsupportedOperationException(name + " takes Discrete actions, not Box");
        requireRunning();
        if (action.length != box.flatSize()) {
            throw new IllegalArgumentException(name + " takes " + box.flatSize() + " action value(s), got " + action.length);
        }
        for (float a : action) {
            if (!Float.isFinite(a)) throw new IllegalArgumentException(name + " action " + Arrays.toString(action) + " is not finite");
        }
        return finish(advance(action, rng));
    }

    private void requireRunning() {
        if (done) throw new IllegalStateException("step() after the episode ended (or before the first reset); call reset()");
    }

    private Step finish(boolean terminated) {
        done = terminated;
        observation(step.observation());
        return step.outcome(reward(terminated), terminated, false);
    }

    /** A copy of the internal state, in the order of {@link #stateNames()}. */
    public final double[] state() {
        return state.clone();
    }

    /** One component of the internal state (no copy). */
    public final double state(int i) {
        return state[i];
    }

    /** Names of the internal state's components, e.g. {@code x, x_dot, theta, theta_dot}. */
    public final String[] stateNames() {
        return stateNames.clone();
    }

    /**
     * Overwrites the whole internal state (Gymnasium: {@code env.unwrapped.state = ...}) and lets
     * the episode go on from there, for planners probing the dynamics and for tests. Leaves the
     * random generator and the last returned {@link Step} alone; read the new observation with
     * {@link #observation(float[])}.
     *
     * @throws IllegalArgumentException for the wrong number of values or a NaN/infinite value
     */
    public final void setState(double... values) {
        if (values.length != state.length) {
            throw new IllegalArgumentException(name + " state has " + state.length + " values " + Arrays.toString(stateNames) + ", got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) throw new IllegalArgumentException(name + " state " + stateNames[i] + " must be finite, got " + values[i]);
        }
        System.arraycopy(values, 0, state, 0, state.length);
        done = false;
    }

    @Override
    public final boolean savesState() {
        return true;
    }

    /** Writes the env's name, its generator, the float64 state (bit for bit) and whether the episode ended. */
    @Override
    public final void saveState(CheckpointWriter out, String prefix) throws IOException {
        out.putString(prefix + "env", name);
        out.putLongs(prefix + "rng", rng.state());
        out.putDoubles(prefix + "state", state);
        out.putLong(prefix + "done", done ? 1 : 0);
    }

    /** Restores what {@link #saveState} wrote; a checkpoint of another env is an {@link IOException}. */
    @Override
    public final void restoreState(CheckpointReader in, String prefix) throws IOException {
        String saved = in.getString(prefix + "env");
        if (!saved.equals(name)) throw new IOException("checkpoint entry '" + prefix + "env' holds a " + saved + " state, this env is " + name);
        long[] rngState = in.getLongs(prefix + "rng");
        double[] values = in.getDoubles(prefix + "state");
        if (values.length != state.length) {
            throw new IOException("checkpoint entry '" + prefix + "state' has " + values.length + " values; " + name + " has " + state.length + " "
                    + Arrays.toString(stateNames));
        }
        boolean savedDone = in.getLong(prefix + "done") != 0;
        // read everything first: a bad checkpoint leaves this env as it was
        rng.setState(rngState);
        System.arraycopy(values, 0, state, 0, state.length);
        done = savedDone;
        observation(step.observation());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < state.length; i++) b.append(i == 0 ? "" : ", ").append(stateNames[i]).append('=').append(state[i]);
        return b.append(')').toString();
    }
}
