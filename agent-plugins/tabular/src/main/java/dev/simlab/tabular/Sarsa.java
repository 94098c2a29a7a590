package dev.simlab.tabular;

import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import java.io.IOException;
import java.util.Arrays;

/**
 * SARSA (Rummery &amp; Niranjan, 1994): on-policy TD control. It learns from the action it will
 * actually take next: {@code target = r + γ · Q(s', a')} with a' drawn ε-greedily in s', and
 * the next {@code act} for that copy returns that same a'.
 */
public final class Sarsa extends TabularAgent {
    public static final String ID = "sarsa";
    private static final int NONE = -1;

    // Per copy: the next action already drawn in observe, and the state it was drawn for.
    private final int[] pendingAction;
    private final int[] pendingState;

    public Sarsa(AgentContext context, TabularHyperparameters hp) {
        super(ID, context, hp);
        pendingAction = new int[context.numEnvs()];
        pendingState = new int[context.numEnvs()];
        Arrays.fill(pendingAction, NONE);
    }

    @Override
    protected double bootstrap(int copy, int nextState, boolean episodeEnded) {
        int next = epsilonGreedy(nextState);
        // After a truncation the next act starts a new episode elsewhere: a' only serves the target.
        if (!episodeEnded) {
            pendingAction[copy] = next;
            pendingState[copy] = nextState;
        }
        return q[nextState * numActions + next];
    }

    @Override
    protected int exploringAction(int copy, int state) {
        int committed = pendingAction[copy];
        pendingAction[copy] = NONE;
        // The state check guards against an env reset between observe and act (e.g. a resumed run).
        return committed != NONE && pendingState[copy] == state ? committed : epsilonGreedy(state);
    }

    @Override
    protected void saveAlgorithmState(CheckpointWriter out) throws IOException {
        out.putInts("agent.sarsa.pending_actions", pendingAction);
        out.putInts("agent.sarsa.pending_states", pendingState);
    }

    @Override
    protected void restoreAlgorithmState(CheckpointReader in) throws IOException {
        int[] actions = in.getInts("agent.sarsa.pending_actions");
        int[] states = in.getInts("agent.sarsa.pending_states");
        if (actions.length != pendingAction.length || states.length != pendingState.length) {
            throw new IOException("checkpoint was written for " + actions.length + " env copies; this run has " + pendingAction.length);
        }
        System.arraycopy(actions, 0, pendingAction, 0, actions.length);
        System.arraycopy(states, 0, pendingState, 0, states.length);
    }
}
