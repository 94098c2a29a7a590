package dev.simlab.rl4j;

import java.util.concurrent.SynchronousQueue;
import org.deeplearning4j.gym.StepReply;
import org.deeplearning4j.rl4j.mdp.MDP;
import org.deeplearning4j.rl4j.space.ArrayObservationSpace;
import org.deeplearning4j.rl4j.space.Box;
import org.deeplearning4j.rl4j.space.DiscreteSpace;
import org.deeplearning4j.rl4j.space.ObservationSpace;

/**
 * RL4J's view of a SimLab env. RL4J drives its own training loop ({@code train()} calls
 * {@code reset} and {@code step}); SimLab's run loop drives the env. The two meet here: RL4J's
 * thread posts what it wants ({@link #RESET} or an action) to {@code requests} and blocks until
 * the run loop answers with an observation (after a reset) or a step's outcome. At every moment
 * exactly one of the two threads works, so RL4J's networks are never used concurrently.
 */
final class SimLabMdp implements MDP<Box, Integer, DiscreteSpace> {
    /** RL4J asks for the first observation of an episode. */
    static final int RESET = -1;
    /** RL4J's thread ended (its failure, if any, is in {@link #failure}). */
    static final int ENDED = -2;

    /** What the run loop sends back: an observation, and for a step its reward and end. */
    record Reply(double[] observation, double reward, boolean done) {}

    final SynchronousQueue<Integer> requests = new SynchronousQueue<>();
    final SynchronousQueue<Reply> replies = new SynchronousQueue<>();
    volatile Throwable failure;

    private final ArrayObservationSpace<Box> observationSpace;
    private final DiscreteSpace actionSpace;
    private boolean done;

    SimLabMdp(int observationSize, DiscreteSpace actionSpace) {
        this.observationSpace = new ArrayObservationSpace<>(new int[] {observationSize});
        this.actionSpace = actionSpace;
    }

    @Override
    public ObservationSpace<Box> getObservationSpace() {
        return observationSpace;
    }

    @Override
    public DiscreteSpace getActionSpace() {
        return actionSpace;
    }

    @Override
    public Box reset() {
        Reply r = exchange(RESET);
        done = false;
        return new Box(r.observation());
    }

    @Override
    public StepReply<Box> step(Integer action) {
        Reply r = exchange(action);
        done = r.done();
        return new StepReply<>(new Box(r.observation()), r.reward(), r.done(), null);
    }

    private Reply exchange(int request) {
        try {
            requests.put(request);
            return replies.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public void close() {}

    @Override
    public MDP<Box, Integer, DiscreteSpace> newInstance() {
        throw new UnsupportedOperationException("rl4j-dqn runs RL4J's synchronous Q-learning on one env copy");
    }

    /** Unwinds RL4J's training loop when the SimLab run closes the agent. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped by SimLab", null, false, false);
        }
    }
}
