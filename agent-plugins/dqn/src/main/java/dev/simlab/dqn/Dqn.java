package dev.simlab.dqn;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.agent.MetricLog;
import dev.simlab.core.agent.SpaceMismatch;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import dev.simlab.nn.Dueling;
import dev.simlab.nn.HuberLoss;
import dev.simlab.nn.Networks;
import dev.simlab.nn.ReplayBuffer;
import dev.simlab.nn.Rows;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Deep Q-learning (Mnih et al. 2015) with Double DQN (van Hasselt et al. 2016), n-step returns,
 * a hard or Polyak-averaged target network, a Huber or MSE loss, an optional dueling head
 * (Wang et al. 2016) and optional prioritized replay (Schaul et al. 2016), acting on all env
 * copies with one batched network call per step.
 *
 * <p>The update, for a sampled transition (s, a, R, s', γⁿ, terminated):
 * <pre>
 *   a*  = argmax_a' Q_online(s', a')        (Double DQN; plain DQN uses the target network)
 *   y   = R                                 if terminated
 *       = R + γⁿ · Q_target(s', a*)         otherwise, truncated included
 *   fit Q_online(s, a) towards y            (other actions' outputs are left as they are)
 * </pre>
 */
final class Dqn implements Agent {
    private final DqnHyperparameters hp;
    private final int numActions;
    private final int obsSize;
    private final boolean oneHot;
    private final boolean huber;
    private final QNet online;
    private final QNet target;
    private final ReplayBuffer buffer;
    private final Priorities priorities;
    private final float[] weights;
    private final Rng rng;
    private final NStep nStep;

    private final float[] prevScratch;
    private final float[] nextScratch;
    private final int[] batch;
    private final float[] batchBoth;
    private final float[] labels;

    private long steps;
    private long sinceTrain;
    private long sinceTarget;
    private long gradientSteps;
    /** Averaged over the run loop's metrics window, which the loop (not this agent) resets and checkpoints. */
    private final MetricLog.Mean tdLoss;
    private final MetricLog.Mean meanQ;

    /** What DQN fits, for the refusal of an env that does not. */
    static final String FITS = "dqn fits envs with Discrete actions and flat Box or Discrete observations (cartpole, mountaincar, acrobot, highway-fast, cliff-walking, …)";

    Dqn(AgentContext context, DqnHyperparameters hp) {
        this.hp = hp;
        this.numActions = context.discreteActions("dqn", FITS).n();
        Space obs = context.observationSpace();
        this.oneHot = obs instanceof Discrete;
        this.obsSize = oneHot ? ((Discrete) obs).n() : obs.flatSize();
        if (!oneHot && ((Box) obs).shape().length != 1) {
            throw new SpaceMismatch("dqn", "observation", "flat (one-dimensional) Box or Discrete", obs, FITS);
        }
        this.rng = context.rng();
        long seed = rng.nextLong();
        this.huber = hp.loss().equals("huber");
        ILossFunction loss = huber ? new HuberLoss() : new LossMSE();
        this.online = hp.dueling()
                ? QNet.of(Dueling.network(hp.network(), obsSize, numActions, loss, seed))
                : QNet.of(Networks.mlp(hp.network(), obsSize, numActions, Activation.IDENTITY, loss, seed));
        this.target = online.copy();
        this.buffer = new ReplayBuffer(hp.bufferSize(), obsSize);
        this.priorities = hp.prioritized() ? new Priorities(hp.bufferSize(), hp.perAlpha(), hp.perEpsilon()) : null;
        if (priorities != null) buffer.onAdd(priorities::added);
        this.weights = new float[hp.batchSize()];
        int n = context.numEnvs();
        this.nStep = new NStep(n, hp.nStep(), obsSize, hp.gamma());
        this.prevScratch = new float[n * obsSize];
        this.nextScratch = new float[n * obsSize];
        this.batch = new int[hp.batchSize()];
        this.batchBoth = new float[2 * hp.batchSize() * obsSize];
        this.labels = new float[hp.batchSize() * numActions];
        // declared here, so they are columns from the first row (NaN until learning starts)
        this.tdLoss = context.metrics().mean("td_loss");
        this.meanQ = context.metrics().mean("mean_q");
    }

    /** Observations as network input: Box observations as they are, Discrete ones one-hot. */
    private void encode(VectorEnv env, int[] states, float[] boxes, float[] dest) {
        if (!oneHot) {
            System.arraycopy(boxes, 0, dest, 0, env.numEnvs() * obsSize);
            return;
        }
        java.util.Arrays.fill(dest, 0, env.numEnvs() * obsSize, 0f);
        for (int i = 0; i < env.numEnvs(); i++) dest[i * obsSize + states[i]] = 1f;
    }

    QNet network() {
        return online;
    }

    QNet targetNetwork() {
        return target;
    }

    ReplayBuffer replayBuffer() {
        return buffer;
    }

    Priorities priorities() {
        return priorities;
    }

    /** The generator's state, for tests that compare a restored agent with the original. */
    long[] rngState() {
        return rng.state();
    }

    /** Env steps, steps since the last update and target copy, gradient steps: what {@link #save} keeps. */
    long[] counters() {
        return new long[] {steps, sinceTrain, sinceTarget, gradientSteps};
    }

    double epsilon() {
        return hp.epsilonAt(steps);
    }

    @Override
    public void act(VectorEnv env, boolean explore, Actions out) {
        int n = env.numEnvs();
        int[] chosen = out.discrete();
        double eps = explore ? epsilon() : 0;
        boolean anyGreedy = false;
        for (int i = 0; i < n; i++) {
            if (explore && rng.nextDouble() < eps) {
                chosen[i] = rng.nextInt(numActions);
            } else {
                chosen[i] = -1;
                anyGreedy = true;
            }
        }
        if (!anyGreedy) return;
        // evaluation may use another number of copies than training
        float[] input = n * obsSize == prevScratch.length ? prevScratch : new float[n * obsSize];
        encode(env, env.states(), env.observations(), input);
        float[] q = flat(online.output(Nd4j.create(input, new int[] {n, obsSize}, 'c')));
        for (int i = 0; i < n; i++) if (chosen[i] < 0) chosen[i] = Rows.argmax(q, i * numActions, numActions);
    }

    /** The values of an array in row-major order, copied in one bulk call ({@link Rows#flat}). */
    static float[] flat(INDArray a) {
        return Rows.flat(a);
    }

    @Override
    public void observe(VectorEnv env, Actions taken) {
        int n = env.numEnvs();
        encode(env, env.previousStates(), env.previousObservations(), prevScratch);
        encode(env, env.nextStates(), env.nextObservations(), nextScratch);
        for (int i = 0; i < n; i++) {
            nStep.push(i, prevScratch, taken.discrete()[i], env.rewards()[i], nextScratch, env.terminated()[i], env.truncated()[i], buffer);
        }
        steps += n;
        if (steps < hp.learningStarts() || buffer.size() < hp.batchSize()) return;
        sinceTrain += n;
        sinceTarget += n;
        while (sinceTrain >= hp.trainFreq()) {
            sinceTrain -= hp.trainFreq();
            for (int g = 0; g < hp.gradientSteps(); g++) trainStep();
        }
        if (hp.tau() >= 1) {
            while (sinceTarget >= hp.targetUpdateInterval()) {
                sinceTarget -= hp.targetUpdateInterval();
                target.setParams(online.params().dup());
            }
        }
    }

    /**
     * One gradient step on a sampled batch: uniform, or by priority with importance-sampling
     * weights. The weights scale each transition's gradient through its label: the loss gradient
     * at Q(s, a) is Q − label, so label = Q + w·δ (MSE) or Q + w·clip(δ, −1, 1) (Huber, δ = 1)
     * gives exactly w times the unweighted gradient, with no per-example loss masks.
     */
    private void trainStep() {
        int b = batch.length;
        if (priorities != null) priorities.sample(rng, buffer.size(), hp.perBetaAt(steps), batch, weights);
        else buffer.sample(rng, batch);
        for (int i = 0; i < b; i++) {
            System.arraycopy(buffer.obs, batch[i] * obsSize, batchBoth, i * obsSize, obsSize);
            System.arraycopy(buffer.nextObs, batch[i] * obsSize, batchBoth, (b + i) * obsSize, obsSize);
        }
        INDArray both = Nd4j.create(batchBoth, new int[] {2 * b, obsSize}, 'c');
        INDArray states = both.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, b), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray nextStates = both.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b, 2 * b), org.nd4j.linalg.indexing.NDArrayIndex.all());
        // one online call values both s (for the labels) and s' (for Double DQN's argmax)
        float[] qOnline = flat(online.output(both));
        float[] qTarget = flat(target.output(nextStates));
        int k = numActions;
        for (int i = 0; i < b; i++) {
            int e = batch[i];
            double bootstrap = 0;
            if (!buffer.terminated[e]) {
                int next = hp.doubleDqn() ? Rows.argmax(qOnline, (b + i) * k, k) : Rows.argmax(qTarget, i * k, k);
                bootstrap = buffer.discounts[e] * qTarget[i * k + next];
            }
            double y = buffer.returns[e] + bootstrap;
            int a = buffer.actions[e];
            double q = qOnline[i * k + a];
            double td = y - q;
            tdLoss.add(huber ? (Math.abs(td) <= 1 ? 0.5 * td * td : Math.abs(td) - 0.5) : td * td);
            meanQ.add(q);
            System.arraycopy(qOnline, i * k, labels, i * k, k);
            if (priorities == null) {
                labels[i * k + a] = (float) y;
            } else {
                priorities.update(e, td);
                double step = huber ? Math.max(-1, Math.min(1, td)) : td;
                labels[i * k + a] = (float) (q + weights[i] * step);
            }
        }
        online.fit(states.dup(), Nd4j.create(labels, new int[] {b, numActions}, 'c'));
        gradientSteps++;
        if (hp.tau() < 1) {
            target.params().muli(1 - hp.tau()).addi(online.params().mul(hp.tau()));
        }
    }

    /** Gauges only, read without side effects; td_loss and mean_q are in the context's {@link MetricLog}. */
    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("epsilon", epsilon());
        m.put("gradient_steps", (double) gradientSteps);
        return m;
    }

    @Override
    public void save(CheckpointWriter out) throws IOException {
        out.putFloats("dqn.online", flat(online.params()));
        out.putFloats("dqn.target", flat(target.params()));
        INDArray updater = online.updaterState();
        if (updater != null) out.putFloats("dqn.updater", flat(updater));
        out.putLongs("dqn.rng", rng.state());
        // Adam's bias correction depends on the network's iteration count: it is part of the state
        out.putLongs("dqn.counters", new long[] {steps, sinceTrain, sinceTarget, gradientSteps, online.iterationCount(), online.epochCount()});
        buffer.save(out);
        if (priorities != null) priorities.save(out);
        nStep.save(out);
    }

    @Override
    public void restore(CheckpointReader in) throws IOException {
        online.setParams(row(in.getFloats("dqn.online"), online.numParams()));
        target.setParams(row(in.getFloats("dqn.target"), target.numParams()));
        if (in.has("dqn.updater")) {
            INDArray state = online.updaterState();
            float[] u = in.getFloats("dqn.updater");
            if (state == null || state.length() != u.length) throw new IOException("checkpoint optimiser state does not fit this network's optimiser");
            state.assign(Nd4j.createFromArray(u).reshape(state.shape()));
        }
        rng.setState(in.getLongs("dqn.rng"));
        long[] c = in.getLongs("dqn.counters");
        steps = c[0];
        sinceTrain = c[1];
        sinceTarget = c[2];
        gradientSteps = c[3];
        online.setCounts((int) c[4], (int) c[5]);
        buffer.restore(in);
        if (priorities != null) priorities.restore(in);
        // a checkpoint taken mid-episode holds the steps whose n-step return is not complete yet
        if (in.has("nstep.count")) nStep.restore(in);
        else nStep.clear();
    }

    private static INDArray row(float[] values, long expected) throws IOException {
        if (values.length != expected) throw new IOException("checkpoint network has " + values.length + " parameters, this one " + expected);
        return Nd4j.createFromArray(values).reshape(1, values.length);
    }

    /** Pending n-step transitions per env copy. */
    static final class NStep {
        private final int n;
        private final int obsSize;
        private final double gamma;
        private final float[][] obs;
        private final int[][] actions;
        private final double[][] rewards;
        private final int[] count;
        private final int[] head;

        NStep(int copies, int n, int obsSize, double gamma) {
            this.n = n;
            this.obsSize = obsSize;
            this.gamma = gamma;
            this.obs = new float[copies][n * obsSize];
            this.actions = new int[copies][n];
            this.rewards = new double[copies][n];
            this.count = new int[copies];
            this.head = new int[copies];
        }

        /** Records copy i's step; emits every transition whose n-step return is complete into the buffer. */
        void push(int i, float[] prev, int action, double reward, float[] next, boolean terminated, boolean truncated, ReplayBuffer buffer) {
            int slot = (head[i] + count[i]) % n;
            System.arraycopy(prev, i * obsSize, obs[i], slot * obsSize, obsSize);
            actions[i][slot] = action;
            rewards[i][slot] = reward;
            count[i]++;
            if (count[i] == n) emit(i, next, terminated, truncated, buffer);
            if (terminated || truncated) {
                while (count[i] > 0) emit(i, next, terminated, truncated, buffer);
                head[i] = 0;
            }
        }

        /** The oldest pending step of copy i, with the discounted rewards up to now, to {@code next}. */
        private void emit(int i, float[] next, boolean terminated, boolean truncated, ReplayBuffer buffer) {
            double ret = 0;
            double discount = 1;
            for (int k = 0; k < count[i]; k++) {
                ret += discount * rewards[i][(head[i] + k) % n];
                discount *= gamma;
            }
            buffer.add(obs[i], head[i] * obsSize, actions[i][head[i]], ret, next, i * obsSize, discount, terminated, truncated);
            head[i] = (head[i] + 1) % n;
            count[i]--;
        }

        void clear() {
            java.util.Arrays.fill(count, 0);
            java.util.Arrays.fill(head, 0);
        }

        /** The pending steps of every copy, so a run resumed mid-episode stores the same transitions. */
        void save(CheckpointWriter out) throws IOException {
            int copies = count.length;
            float[] o = new float[copies * n * obsSize];
            int[] a = new int[copies * n];
            double[] r = new double[copies * n];
            for (int i = 0; i < copies; i++) {
                System.arraycopy(obs[i], 0, o, i * n * obsSize, n * obsSize);
                System.arraycopy(actions[i], 0, a, i * n, n);
                System.arraycopy(rewards[i], 0, r, i * n, n);
            }
            out.putInts("nstep.count", count).putInts("nstep.head", head)
                    .putFloats("nstep.obs", o).putInts("nstep.actions", a).putDoubles("nstep.rewards", r);
        }

        void restore(CheckpointReader in) throws IOException {
            int[] c = in.getInts("nstep.count");
            float[] o = in.getFloats("nstep.obs");
            if (c.length != count.length || o.length != count.length * n * obsSize) {
                throw new IOException("checkpoint's pending n-step transitions are for another number of env copies, n_step or observation size");
            }
            int[] h = in.getInts("nstep.head"), a = in.getInts("nstep.actions");
            double[] r = in.getDoubles("nstep.rewards");
            System.arraycopy(c, 0, count, 0, c.length);
            System.arraycopy(h, 0, head, 0, h.length);
            for (int i = 0; i < c.length; i++) {
                System.arraycopy(o, i * n * obsSize, obs[i], 0, n * obsSize);
                System.arraycopy(a, i * n, actions[i], 0, n);
                System.arraycopy(r, i * n, rewards[i], 0, n);
            }
        }
    }
}
