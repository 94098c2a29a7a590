package dev.simlab.actorcritic;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.agent.MetricLog;
import dev.simlab.core.agent.SpaceMismatch;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Space;
import dev.simlab.nn.GradientSteps;
import dev.simlab.nn.Networks;
import dev.simlab.nn.ReplayBuffer;
import dev.simlab.nn.Rows;
import dev.simlab.nn.Training;
import dev.simlab.nn.VectorAdam;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Soft Actor-Critic (Haarnoja et al. 2018) for flat Box actions, as Stable-Baselines3's
 * {@code SAC}: a tanh-squashed Gaussian actor ({@link SquashedGaussian}), twin critics
 * Q₁, Q₂(s, a) with Polyak-averaged targets, automatic entropy tuning towards −dim(A), and the
 * replay buffer DQN uses ({@link ReplayBuffer}, with Box actions). Actions live in [−1, 1]
 * inside the agent and are rescaled to the env's bounds for the env, as SB3's
 * {@code scale_action}; the first {@code learning_starts} steps act uniformly at random.
 *
 * <p>A gradient step on a batch of B transitions, in SB3's order:
 * <ol>
 * <li>one actor call on s and s' stacked samples a ~ π(·|s) and a' ~ π(·|s') with their log
 *     probabilities;</li>
 * <li>α = exp(log α) and, with auto entropy, one Adam step on log α with the gradient
 *     −mean(log π(a|s) − dim(A));</li>
 * <li>the targets y = r + γ·(1 − terminated)·(min(Q₁', Q₂')(s', a') − α·log π(a'|s')), then one
 *     step of each critic on ½·mean (Q − y)²;</li>
 * <li>the (updated) critics' input gradients at (s, a) give g = ∂min(Q₁, Q₂)/∂a row by row,
 *     and the actor takes one step on mean(α·log π(a|s) − min(Q₁, Q₂)(s, a)) through
 *     {@link SquashedGaussian}, which backpropagates its exact gradient;</li>
 * <li>every {@code target_update_interval} steps the targets move: θ' ← (1 − τ)θ' + τθ.</li>
 * </ol>
 * A truncated transition bootstraps from its next observation, a terminated one does not.
 */
final class Sac implements Agent {
    static final String FITS = "sac fits envs with flat Box actions with finite bounds and flat Box observations (pendulum, mountaincar-continuous, lane-keeping, …)";

    private final SacHyperparameters hp;
    private final int d;
    private final int obsSize;
    private final Box actionBox;
    private final MultiLayerNetwork actor;
    private final MultiLayerNetwork q1, q2, target1, target2;
    /** The gradient steps of the actor and the twin critics (DL4J's calls, or the faster bit-identical passes). */
    private final GradientSteps actorSteps, q1Steps, q2Steps;
    /** The target critics' inference passes. */
    private final GradientSteps target1Passes, target2Passes;
    /** Where {@link Training#polyak} forms τ·θ for either critic (they have the same shape). */
    private final INDArray polyakScratch;
    private final SquashedGaussian policy;
    private final ValueLoss loss1 = new ValueLoss(0.5), loss2 = new ValueLoss(0.5);
    /** log α and its Adam state. */
    private final VectorAdam logAlpha;
    private final double targetEntropy;
    private final ReplayBuffer buffer;
    private final Rng rng;
    private final Rng evalRng;

    /** The [−1, 1] actions act() chose for the training copies, stored by observe(). */
    private float[] pending;

    // batch scratch, allocated once
    private final int[] batch;
    private final float[] both, noise, sampled, logPi, stateActions, actionGradient;
    private final float[] targets;

    private long steps;
    private long sinceTrain;
    private long gradientSteps;
    private final MetricLog.Mean qLoss, policyLoss, entropy;

    Sac(AgentContext context, SacHyperparameters hp) {
        this.hp = hp;
        Space actions = context.actionSpace();
        if (!(actions instanceof Box box) || box.shape().length != 1) {
            throw new SpaceMismatch("sac", "action", "flat (one-dimensional) Box", actions, FITS);
        }
        for (int j = 0; j < box.flatSize(); j++) {
            if (!Float.isFinite(box.low(j)) || !Float.isFinite(box.high(j))) {
                throw new SpaceMismatch("sac", "action", "Box with finite bounds (SAC squashes actions into them)", actions, FITS);
            }
        }
        Space obs = context.observationSpace();
        if (!(obs instanceof Box ob) || ob.shape().length != 1) throw new SpaceMismatch("sac", "observation", "flat (one-dimensional) Box", obs, FITS);
        this.actionBox = box;
        this.d = box.flatSize();
        this.obsSize = obs.flatSize();
        this.rng = context.rng();
        this.evalRng = rng.split();
        long seed = rng.nextLong();
        this.policy = new SquashedGaussian(d);
        this.actor = Networks.mlp(hp.network(), obsSize, 2 * d, Activation.IDENTITY, policy, seed);
        this.q1 = Networks.mlp(hp.network(), obsSize + d, 1, Activation.IDENTITY, loss1, seed + 1);
        this.q2 = Networks.mlp(hp.network(), obsSize + d, 1, Activation.IDENTITY, loss2, seed + 2);
        this.target1 = Networks.mlp(hp.network(), obsSize + d, 1, Activation.IDENTITY, new ValueLoss(), seed + 1);
        this.target2 = Networks.mlp(hp.network(), obsSize + d, 1, Activation.IDENTITY, new ValueLoss(), seed + 2);
        this.actorSteps = GradientSteps.of(actor);
        this.q1Steps = GradientSteps.of(q1);
        this.q2Steps = GradientSteps.of(q2);
        this.target1Passes = GradientSteps.of(target1);
        this.target2Passes = GradientSteps.of(target2);
        target1.setParams(q1.params().dup());
        target2.setParams(q2.params().dup());
        this.polyakScratch = q1.params().dup();
        this.logAlpha = new VectorAdam(Math.log(hp.entCoef()));
        this.targetEntropy = -d;
        this.buffer = new ReplayBuffer(hp.bufferSize(), obsSize, d);
        this.pending = new float[context.numEnvs() * d];
        int b = hp.batchSize();
        this.batch = new int[b];
        this.both = new float[2 * b * obsSize];
        this.noise = new float[2 * b * d];
        this.sampled = new float[2 * b * d];
        this.logPi = new float[2 * b];
        this.stateActions = new float[b * (obsSize + d)];
        this.actionGradient = new float[b * d];
        this.targets = new float[b];
        MetricLog log = context.metrics();
        this.qLoss = log.mean("q_loss");
        this.policyLoss = log.mean("policy_loss");
        this.entropy = log.mean("entropy");
    }

    MultiLayerNetwork actor() {
        return actor;
    }

    MultiLayerNetwork[] critics() {
        return new MultiLayerNetwork[] {q1, q2, target1, target2};
    }

    ReplayBuffer replayBuffer() {
        return buffer;
    }

    double alpha() {
        return Math.exp(logAlpha.values[0]);
    }

    @Override
    public void act(VectorEnv env, boolean explore, Actions out) {
        int n = env.numEnvs();
        float[] chosen = out.continuous();
        float[] unit = explore ? pendingFor(n) : new float[n * d];
        if (explore && steps < hp.learningStarts()) {
            for (int k = 0; k < n * d; k++) unit[k] = (float) rng.uniform(-1, 1);
        } else {
            float[] outputs = Rows.flat(actorSteps.output(Rows.matrix(env.observations(), n, obsSize)));
            boolean sample = explore || !hp.deterministicEval();
            Rng r = explore ? rng : evalRng;
            float[] eps = sample ? gaussian(r, new float[n * d]) : null;
            for (int i = 0; i < n; i++) SquashedGaussian.sample(outputs, i, d, eps, i * d, unit, i * d);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float lo = actionBox.low(j), hi = actionBox.high(j);
                chosen[i * d + j] = Math.max(lo, Math.min(hi, lo + 0.5f * (unit[i * d + j] + 1) * (hi - lo)));
            }
        }
    }

    private float[] pendingFor(int n) {
        if (pending.length != n * d) pending = new float[n * d];
        return pending;
    }

    private static float[] gaussian(Rng r, float[] out) {
        for (int k = 0; k < out.length; k++) out[k] = (float) r.nextGaussian();
        return out;
    }

    @Override
    public void observe(VectorEnv env, Actions taken) {
        int n = env.numEnvs();
        float[] prev = env.previousObservations(), next = env.nextObservations();
        double[] rewards = env.rewards();
        boolean[] term = env.terminated(), trunc = env.truncated();
        for (int i = 0; i < n; i++) buffer.add(prev, i * obsSize, pending, i * d, rewards[i], next, i * obsSize, hp.gamma(), term[i], trunc[i]);
        steps += n;
        sinceTrain += n;
        // SB3 collects train_freq steps, then trains once more than learning_starts steps are in
        while (sinceTrain >= hp.trainFreq()) {
            sinceTrain -= hp.trainFreq();
            if (steps > hp.learningStarts()) for (int g = 0; g < hp.gradientSteps(); g++) trainStep();
        }
    }

    private void trainStep() {
        int b = batch.length, sa = obsSize + d;
        buffer.sample(rng, batch);
        for (int i = 0; i < b; i++) {
            System.arraycopy(buffer.obs, batch[i] * obsSize, both, i * obsSize, obsSize);
            System.arraycopy(buffer.nextObs, batch[i] * obsSize, both, (b + i) * obsSize, obsSize);
        }
        // 1. a ~ π(·|s) (rows 0..b) and a' ~ π(·|s') (rows b..2b) from one actor call
        float[] outputs = Rows.flat(actorSteps.output(Rows.matrix(both, 2 * b, obsSize)));
        gaussian(rng, noise);
        double meanLogPi = 0;
        for (int i = 0; i < 2 * b; i++) {
            logPi[i] = (float) SquashedGaussian.sample(outputs, i, d, noise, i * d, sampled, i * d);
            if (i < b) meanLogPi += logPi[i] / b;
        }
        entropy.add(-meanLogPi);
        // 2. α before its step, then the step on −log α·(log π + target entropy)
        double alpha = alpha();
        if (hp.autoEntropy()) logAlpha.step(new double[] {-(meanLogPi + targetEntropy)}, hp.network().learningRate());
        // 3. soft TD targets from the target critics at (s', a'), then one step of each critic
        for (int i = 0; i < b; i++) stack(both, (b + i) * obsSize, sampled, (b + i) * d, stateActions, i);
        INDArray next = Rows.matrix(stateActions, b, sa);
        float[] t1 = Rows.flat(target1Passes.output(next)), t2 = Rows.flat(target2Passes.output(next));
        for (int i = 0; i < b; i++) {
            int e = batch[i];
            double bootstrap = buffer.terminated[e] ? 0 : buffer.discounts[e] * (Math.min(t1[i], t2[i]) - alpha * logPi[b + i]);
            targets[i] = (float) (buffer.returns[e] + bootstrap);
        }
        for (int i = 0; i < b; i++) stack(both, i * obsSize, buffer.boxActions, batch[i] * d, stateActions, i);
        INDArray replayed = Rows.matrix(stateActions, b, sa), y = Rows.matrix(targets, b, 1);
        q1Steps.descend(replayed, y);
        q2Steps.descend(replayed, y);
        qLoss.add(0.5 * (loss1.mse + loss2.mse));
        // 4. g = ∂min(Q₁, Q₂)/∂a at (s, a ~ π) from the updated critics, then the actor's step
        for (int i = 0; i < b; i++) stack(both, i * obsSize, sampled, i * d, stateActions, i);
        INDArray current = Rows.matrix(stateActions, b, sa);
        float[] g1 = actionGradient(q1Steps, loss1, current), g2 = actionGradient(q2Steps, loss2, current);
        double[] v1 = loss1.values, v2 = loss2.values;
        double objective = 0;
        for (int i = 0; i < b; i++) {
            boolean first = v1[i] <= v2[i];
            System.arraycopy(first ? g1 : g2, i * sa + obsSize, actionGradient, i * d, d);
            objective += (alpha * logPi[i] - Math.min(v1[i], v2[i])) / b;
        }
        policyLoss.add(objective);
        policy.minibatch(noise, actionGradient, alpha);
        actorSteps.descend(Rows.matrix(both, b, obsSize), Nd4j.zeros(DataType.FLOAT, b, 2 * d));
        gradientSteps++;
        // 5. the targets follow
        if (gradientSteps % hp.targetUpdateInterval() == 0) {
            Training.polyak(target1, q1, hp.tau(), polyakScratch);
            Training.polyak(target2, q2, hp.tau(), polyakScratch);
        }
    }

    /** Row i of {@code dest} (obsSize + d wide): the observation at {@code obs[oOffset ..]} then the action at {@code act[aOffset ..]}. */
    private void stack(float[] obs, int oOffset, float[] act, int aOffset, float[] dest, int i) {
        int w = obsSize + d;
        System.arraycopy(obs, oOffset, dest, i * w, obsSize);
        System.arraycopy(act, aOffset, dest, i * w + obsSize, d);
    }

    /** ∂Q/∂(s, a) row by row (labels 1: the loss Σ Q passes dQ/dQ = 1 back), with Q's values left in the loss. */
    static float[] actionGradient(GradientSteps q, ValueLoss loss, INDArray x) {
        loss.passThrough = true;
        try {
            return q.inputGradient(x, Nd4j.ones(DataType.FLOAT, x.size(0), 1));
        } finally {
            loss.passThrough = false;
        }
    }

    /** Gauges only; q_loss, policy_loss and entropy are averaged in the context's {@link MetricLog}. */
    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("alpha", alpha());
        m.put("gradient_steps", (double) gradientSteps);
        return m;
    }

    @Override
    public void save(CheckpointWriter out) throws IOException {
        Training.save(out, "sac.actor", actor);
        Training.save(out, "sac.q1", q1);
        Training.save(out, "sac.q2", q2);
        Training.saveParams(out, "sac.target1", target1);
        Training.saveParams(out, "sac.target2", target2);
        logAlpha.save(out, "sac.log_alpha");
        out.putLongs("sac.rng", rng.state());
        out.putLongs("sac.eval_rng", evalRng.state());
        out.putLongs("sac.counters", new long[] {steps, sinceTrain, gradientSteps});
        buffer.save(out);
    }

    @Override
    public void restore(CheckpointReader in) throws IOException {
        Training.restore(in, "sac.actor", actor);
        Training.restore(in, "sac.q1", q1);
        Training.restore(in, "sac.q2", q2);
        Training.restoreParams(in, "sac.target1", target1);
        Training.restoreParams(in, "sac.target2", target2);
        logAlpha.restore(in, "sac.log_alpha");
        rng.setState(in.getLongs("sac.rng"));
        evalRng.setState(in.getLongs("sac.eval_rng"));
        long[] c = in.getLongs("sac.counters");
        steps = c[0];
        sinceTrain = c[1];
        gradientSteps = c[2];
        buffer.restore(in);
    }
}
