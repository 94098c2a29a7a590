package dev.simlab.tabular;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.agent.Schedule;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.StateValues;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A one-step TD control agent over a Q table, acting ε-greedily. The update is the same for
 * every algorithm here and lives in {@link #observe}:
 * <pre>
 *   target   = r                          if s' is terminal
 *            = r + γ · bootstrap(s')      otherwise (also when the episode was truncated)
 *   Q(s, a) += α · (target − Q(s, a))
 * </pre>
 * Subclasses say only what {@code bootstrap(s')} is: max_a Q(s', a) for Q-learning, Q(s', a')
 * for SARSA, the expectation under the ε-greedy policy for Expected SARSA.
 *
 * <p>Greedy choices break ties uniformly at random, so an untrained table does not always pick
 * action 0. ε and α follow {@link Schedule}s whose unit is a finished episode (on any copy).
 * {@code act} and {@code observe} allocate nothing.
 */
public abstract class TabularAgent implements Agent {
    private final String algorithm;
    protected final int numStates;
    protected final int numActions;
    protected final double gamma;
    private final Schedule epsilonSchedule;
    private final Schedule alphaSchedule;

    /** Q(s, a) at {@code s * numActions + a}. */
    protected final double[] q;
    private final long[] visits;

    /** Exploration, tie-breaking and SARSA's next action while training. */
    protected final Rng rng;
    // Greedy evaluation draws its tie-breaks from its own stream, so how often a run evaluates
    // never changes what it learns.
    private final Rng evaluationRng;

    protected double epsilon;
    protected double alpha;
    private long episodes;
    private long steps;

    protected TabularAgent(String algorithm, AgentContext context, TabularHyperparameters hp) {
        this.algorithm = algorithm;
        this.numStates = context.discreteObservations(algorithm, FITS).n();
        this.numActions = context.discreteActions(algorithm, FITS).n();
        if ((long) numStates * numActions > Integer.MAX_VALUE - 8) {
            throw new ConfigException("", "agent.id", "a Q table of " + numStates + " states × " + numActions
                    + " actions does not fit in memory; use a function approximator such as dqn");
        }
        this.gamma = hp.gamma();
        this.epsilonSchedule = hp.epsilon();
        this.alphaSchedule = hp.alpha();
        this.q = new double[numStates * numActions];
        Arrays.fill(q, hp.initialQ());
        this.visits = new long[numStates];
        this.rng = context.rng();
        this.evaluationRng = context.rng().split();
        advanceSchedules();
    }

    /** What a Q table fits, for the refusal of an env that does not. */
    static final String FITS = "tabular agents fit envs with Discrete observations and actions (cliff-walking, windy-gridworld, frozenlake-4x4, four-rooms, maze, …)";

    /**
     * The value of the next state s' the target bootstraps from; called only when s' is not
     * terminal. {@code episodeEnded} is true when the episode was truncated at s' (its value
     * still counts, but no action will be taken there).
     */
    protected abstract double bootstrap(int copy, int nextState, boolean episodeEnded);

    @Override
    public void act(VectorEnv env, boolean explore, Actions out) {
        int[] states = env.states();
        int[] actions = out.discrete();
        for (int i = 0; i < env.numEnvs(); i++) {
            actions[i] = explore ? exploringAction(i, states[i]) : greedy(states[i], evaluationRng);
        }
    }

    /** The behaviour policy's action for copy {@code copy} in {@code state}: ε-greedy. */
    protected int exploringAction(int copy, int state) {
        return epsilonGreedy(state);
    }

    @Override
    public void observe(VectorEnv env, Actions taken) {
        int[] states = env.previousStates();
        int[] actions = taken.discrete();
        double[] rewards = env.rewards();
        int[] nextStates = env.nextStates();
        boolean[] terminated = env.terminated();
        boolean[] truncated = env.truncated();
        int finished = 0;
        for (int i = 0; i < env.numEnvs(); i++) {
            boolean ended = terminated[i] || truncated[i];
            // A terminal state is worth nothing: bootstrapping there would leak value from the
            // next episode's start. A truncated episode was only cut off; s' keeps its value.
            double target = terminated[i] ? rewards[i] : rewards[i] + gamma * bootstrap(i, nextStates[i], ended);
            int sa = states[i] * numActions + actions[i];
            q[sa] += alpha * (target - q[sa]);
            visits[states[i]]++;
            if (ended) finished++;
        }
        steps += env.numEnvs();
        if (finished > 0) {
            episodes += finished;
            advanceSchedules();
        }
    }

    private void advanceSchedules() {
        epsilon = epsilonSchedule.at(episodes);
        alpha = alphaSchedule.at(episodes);
    }

    /** With probability ε a uniformly random action, else a greedy one. */
    protected final int epsilonGreedy(int state) {
        return rng.nextDouble() < epsilon ? rng.nextInt(numActions) : greedy(state, rng);
    }

    /** An action with the highest Q in {@code state}, uniformly among ties (reservoir sampling: one pass, no buffer). */
    protected final int greedy(int state, Rng tieBreaker) {
        int base = state * numActions;
        int best = 0;
        double bestValue = q[base];
        int ties = 1;
        for (int a = 1; a < numActions; a++) {
            double v = q[base + a];
            if (v > bestValue) {
                bestValue = v;
                best = a;
                ties = 1;
            } else if (v == bestValue && tieBreaker.nextInt(++ties) == 0) {
                best = a; // the k-th tie replaces the pick with probability 1/k
            }
        }
        return best;
    }

    protected final double maxQ(int state) {
        int base = state * numActions;
        double max = q[base];
        for (int a = 1; a < numActions; a++) max = Math.max(max, q[base + a]);
        return max;
    }

    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("epsilon", epsilon);
        m.put("alpha", alpha);
        return m;
    }

    @Override
    public StateValues stateValues() {
        double[] values = new double[numStates];
        int[] greedyActions = new int[numStates];
        for (int s = 0; s < numStates; s++) {
            values[s] = maxQ(s);
            // First maximum, not a random one: drawing the overlay must not touch the agent's RNG.
            int base = s * numActions;
            int best = 0;
            for (int a = 1; a < numActions; a++) if (q[base + a] > q[base + best]) best = a;
            greedyActions[s] = best;
        }
        return new StateValues(values, greedyActions, visits.clone());
    }

    @Override
    public void save(CheckpointWriter out) throws IOException {
        out.putString("agent.algorithm", algorithm);
        out.putDoubles("agent.q", q);
        out.putLongs("agent.visits", visits);
        out.putLongs("agent.rng", rng.state());
        out.putLongs("agent.evaluation_rng", evaluationRng.state());
        out.putLong("agent.episodes", episodes);
        out.putLong("agent.steps", steps);
        saveAlgorithmState(out);
    }

    @Override
    public void restore(CheckpointReader in) throws IOException {
        String saved = in.getString("agent.algorithm");
        if (!saved.equals(algorithm)) {
            throw new IOException("checkpoint holds a " + saved + " agent, not " + algorithm);
        }
        double[] savedQ = in.getDoubles("agent.q");
        long[] savedVisits = in.getLongs("agent.visits");
        if (savedQ.length != q.length || savedVisits.length != visits.length) {
            throw new IOException("checkpoint Q table is for " + savedVisits.length + " states × "
                    + (savedVisits.length == 0 ? 0 : savedQ.length / savedVisits.length) + " actions; this env has "
                    + numStates + " × " + numActions);
        }
        System.arraycopy(savedQ, 0, q, 0, q.length);
        System.arraycopy(savedVisits, 0, visits, 0, visits.length);
        rng.setState(in.getLongs("agent.rng"));
        evaluationRng.setState(in.getLongs("agent.evaluation_rng"));
        episodes = in.getLong("agent.episodes");
        steps = in.getLong("agent.steps");
        advanceSchedules();
        restoreAlgorithmState(in);
    }

    /** For state beyond the table, counters and RNGs (SARSA's committed next actions). */
    protected void saveAlgorithmState(CheckpointWriter out) throws IOException {}

    protected void restoreAlgorithmState(CheckpointReader in) throws IOException {}
}
