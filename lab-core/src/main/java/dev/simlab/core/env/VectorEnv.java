package dev.simlab.core.env;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import java.io.IOException;
import java.util.List;

/**
 * N independent copies of an env stepped in lockstep, so agents can make one batched decision
 * (one network call) for all of them. Copies reset themselves when their episode ends, in the
 * same step (Stable-Baselines3's convention): after {@link #step}, {@link #observations()} holds
 * the first observation of the next episode where a copy finished, and {@link #nextObservations()}
 * holds the observation that ended the episode, which is what a learner must store.
 *
 * <p>All arrays are owned by this object and overwritten by the next step: flat observations
 * are laid out copy after copy ({@code i * observationSize()}).
 */
public final class VectorEnv implements AutoCloseable {
    private final Env[] envs;
    private final Space observationSpace;
    private final Space actionSpace;
    private final int obsSize;
    private final boolean discreteObs;

    private final int[] states;
    private final int[] prevStates;
    private final int[] nextStates;
    private final float[] obs;
    private final float[] prevObs;
    private final float[] nextObs;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final Info[] infos;

    private final double[] runningReturn;
    private final int[] runningLength;
    private final double[] episodeReturn;
    private final int[] episodeLength;
    private final float[] actionScratch;

    public VectorEnv(List<? extends Env> copies) {
        if (copies.isEmpty()) throw new IllegalArgumentException("a VectorEnv needs at least one env");
        this.envs = copies.toArray(new Env[0]);
        this.observationSpace = envs[0].observationSpace();
        this.actionSpace = envs[0].actionSpace();
        this.discreteObs = observationSpace instanceof Discrete;
        this.obsSize = discreteObs ? 0 : observationSpace.flatSize();
        int n = envs.length;
        states = new int[n];
        prevStates = new int[n];
        nextStates = new int[n];
        obs = new float[n * obsSize];
        prevObs = new float[n * obsSize];
        nextObs = new float[n * obsSize];
        rewards = new double[n];
        terminated = new boolean[n];
        truncated = new boolean[n];
        infos = new Info[n];
        for (int i = 0; i < n; i++) infos[i] = new Info();
        runningReturn = new double[n];
        runningLength = new int[n];
        episodeReturn = new double[n];
        episodeLength = new int[n];
        actionScratch = actionSpace instanceof Box b ? new float[b.flatSize()] : new float[0];
    }

    public int numEnvs() {
        return envs.length;
    }

    public Space observationSpace() {
        return observationSpace;
    }

    public Space actionSpace() {
        return actionSpace;
    }

    /** Flat size of one Box observation; 0 for Discrete observation spaces. */
    public int observationSize() {
        return obsSize;
    }

    public Env env(int i) {
        return envs[i];
    }

    /** Seeds copy {@code i} with {@code seed + i} and starts every copy's first episode. */
    public void reset(long seed) {
        for (int i = 0; i < envs.length; i++) {
            record(i, envs[i].reset(seed + i), states, obs);
            runningReturn[i] = 0;
            runningLength[i] = 0;
        }
    }

    /** Steps every copy with its Discrete action. */
    public void step(int[] actions) {
        step(actions, null);
    }

    /** Steps every copy with its Box action ({@code actions} laid out copy after copy). */
    public void step(float[] actions) {
        step(null, actions);
    }

    private void step(int[] discrete, float[] box) {
        System.arraycopy(states, 0, prevStates, 0, states.length);
        System.arraycopy(obs, 0, prevObs, 0, obs.length);
        for (int i = 0; i < envs.length; i++) {
            Step s;
            if (discrete != null) {
                s = envs[i].step(discrete[i]);
            } else {
                System.arraycopy(box, i * actionScratch.length, actionScratch, 0, actionScratch.length);
                s = envs[i].step(actionScratch);
            }
            rewards[i] = s.reward();
            terminated[i] = s.terminated();
            truncated[i] = s.truncated();
            infos[i].copyFrom(s.info());
            record(i, s, nextStates, nextObs);
            runningReturn[i] += s.envReward(); // the env's reward, whatever a reward wrapper gave the learner
            runningLength[i]++;
            if (s.done()) {
                episodeReturn[i] = runningReturn[i];
                episodeLength[i] = runningLength[i];
                runningReturn[i] = 0;
                runningLength[i] = 0;
                record(i, envs[i].reset(), states, obs);
            } else {
                states[i] = nextStates[i];
                if (obsSize > 0) System.arraycopy(nextObs, i * obsSize, obs, i * obsSize, obsSize);
            }
        }
    }

    private void record(int i, Step s, int[] stateDest, float[] obsDest) {
        if (discreteObs) stateDest[i] = s.state();
        else System.arraycopy(s.observation(), 0, obsDest, i * obsSize, obsSize);
    }

    /** Current Discrete observations: what the agent acts on next. */
    public int[] states() {
        return states;
    }

    /** Current Box observations: what the agent acts on next. */
    public float[] observations() {
        return obs;
    }

    /** Discrete observations the last actions were taken in. */
    public int[] previousStates() {
        return prevStates;
    }

    /** Box observations the last actions were taken in. */
    public float[] previousObservations() {
        return prevObs;
    }

    /** Discrete observations the last step led to (terminal ones where an episode ended). */
    public int[] nextStates() {
        return nextStates;
    }

    /** Box observations the last step led to (terminal ones where an episode ended). */
    public float[] nextObservations() {
        return nextObs;
    }

    /** The rewards the learner gets (scaled where a reward wrapper is on); episode returns sum the env's. */
    public double[] rewards() {
        return rewards;
    }

    public boolean[] terminated() {
        return terminated;
    }

    public boolean[] truncated() {
        return truncated;
    }

    public boolean done(int i) {
        return terminated[i] || truncated[i];
    }

    /** Info of copy {@code i}'s last step (before any auto-reset). */
    public Info info(int i) {
        return infos[i];
    }

    /** Undiscounted return, in the env's rewards, of the episode copy {@code i} just finished; valid when {@link #done(int)}. */
    public double episodeReturn(int i) {
        return episodeReturn[i];
    }

    /** Length of the episode copy {@code i} just finished; valid when {@link #done(int)}. */
    public int episodeLength(int i) {
        return episodeLength[i];
    }

    /** Return so far of the episode copy {@code i} is playing now. */
    public double currentReturn(int i) {
        return runningReturn[i];
    }

    /** Steps so far of the episode copy {@code i} is playing now. */
    public int currentLength(int i) {
        return runningLength[i];
    }

    /** True when every copy can save and restore its state ({@link Env#savesState}). */
    public boolean savesState() {
        for (Env e : envs) if (!e.savesState()) return false;
        return true;
    }

    /**
     * Writes every copy's state and the episodes in progress (current observations, running
     * returns and lengths) under {@code prefix}, between steps. Needs {@link #savesState}.
     */
    public void saveState(CheckpointWriter out, String prefix) throws IOException {
        out.putInts(prefix + "states", states);
        out.putFloats(prefix + "observations", obs);
        out.putDoubles(prefix + "running_return", runningReturn);
        out.putInts(prefix + "running_length", runningLength);
        for (int i = 0; i < envs.length; i++) envs[i].saveState(out, prefix + i + ".");
    }

    /** Restores what {@link #saveState} wrote into copies built with the same parameters. */
    public void restoreState(CheckpointReader in, String prefix) throws IOException {
        copyExact(in.getInts(prefix + "states"), states, prefix + "states");
        copyExact(in.getFloats(prefix + "observations"), obs, prefix + "observations");
        copyExact(in.getDoubles(prefix + "running_return"), runningReturn, prefix + "running_return");
        copyExact(in.getInts(prefix + "running_length"), runningLength, prefix + "running_length");
        for (int i = 0; i < envs.length; i++) envs[i].restoreState(in, prefix + i + ".");
    }

    private static void copyExact(Object from, Object to, String key) throws IOException {
        int n = java.lang.reflect.Array.getLength(from);
        if (n != java.lang.reflect.Array.getLength(to)) {
            throw new IOException("checkpoint entry '" + key + "' has " + n + " values; this env needs " + java.lang.reflect.Array.getLength(to));
        }
        System.arraycopy(from, 0, to, 0, n);
    }

    @Override
    public void close() {
        for (Env e : envs) e.close();
    }
}
