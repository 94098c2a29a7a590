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
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import dev.simlab.nn.GradientSteps;
import dev.simlab.nn.Networks;
import dev.simlab.nn.Rows;
import dev.simlab.nn.Training;
import dev.simlab.nn.VectorAdam;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Proximal Policy Optimization (Schulman et al. 2017) with a categorical policy for Discrete
 * actions or a diagonal Gaussian with a state-independent log std for Box actions, as
 * Stable-Baselines3's {@code PPO}: rollouts of {@code n_steps} steps on every env copy (one
 * batched actor and critic call per step), GAE(λ) advantages ({@link RolloutBuffer}), then
 * {@code n_epochs} passes of shuffled minibatches, each one gradient step on
 * <pre>
 *   L = −mean min(r·Â, clip(r, 1−ε, 1+ε)·Â) − c_ent · mean H(π) + c_vf · mean (V − R)²
 * </pre>
 * with Â the advantages standardised within the minibatch, the global gradient norm of actor and
 * critic together clipped to {@code max_grad_norm}, and linear learning-rate and clip-range
 * schedules. The actor's loss is a {@link PpoPolicyLoss} (exact dL/d(outputs), backpropagated
 * by DL4J); the optimiser step is applied here rather than by {@code fit}, so the clip sees both
 * networks' gradients (and the log std's) and the updater never divides them by the batch size a
 * second time. Box actions are sampled unbounded, stored as sampled, and clipped to the env's
 * bounds only for the env (SB3's {@code clip(actions, low, high)}); evaluation takes the mean.
 */
final class Ppo implements Agent {
    /** What PPO fits, for the refusal of an env that does not. */
    static final String FITS = "ppo fits envs with Discrete or flat Box actions and flat Box observations (cartpole, acrobot, highway-fast, pendulum, mountaincar-continuous, …)";

    private final PpoHyperparameters hp;
    /** Actor outputs: the Discrete action count (logits) or the Box's flat size (means). */
    private final int numActions;
    /** Floats per action in the rollout: 1 (a Discrete index) or the Box's size. */
    private final int actionSize;
    /** The env's action bounds, or null for Discrete actions. */
    private final Box actionBox;
    private final int obsSize;
    private final MultiLayerNetwork actor;
    private final MultiLayerNetwork critic;
    /** Their gradient steps (DL4J's calls, or the faster bit-identical passes). */
    private final GradientSteps actorSteps, criticSteps;
    private final PpoPolicyLoss policyLoss;
    /** The Gaussian's loss (holding the log std), or null for Discrete actions. */
    private final PpoPolicyLoss.Gaussian gaussian;
    /** Adam on the log std (DL4J's constants, the networks' learning rate), or null for Discrete actions. */
    private final VectorAdam logStdAdam;
    private final ValueLoss valueLoss = new ValueLoss();
    private final RolloutBuffer buffer;
    private final Rng rng;
    /** Samples evaluation actions when deterministic_eval is off, so evaluating never moves the training stream. */
    private final Rng evalRng;

    // what act() chose for each training copy, stored by observe()
    private final float[] pendingActions;
    private final float[] pendingValues;
    private final float[] pendingLogProbs;
    private final float[] finalValues;
    private final double[] probs;

    // minibatch scratch, allocated once
    private final float[] mbObs;
    private final float[] mbActions;
    private final float[] mbAdvantages;
    private final float[] mbOldLogProbs;
    private final float[] mbReturns;
    private final float[] mbValues;

    private long steps;
    private long updates;
    private long gradientSteps;
    private final MetricLog.Mean policyLossMean, valueLossMean, entropyMean, klMean, clipMean;

    Ppo(AgentContext context, PpoHyperparameters hp) {
        this.hp = hp;
        Space actions = context.actionSpace();
        if (actions instanceof Discrete d) {
            this.numActions = d.n();
            this.actionSize = 1;
            this.actionBox = null;
            this.gaussian = null;
            this.logStdAdam = null;
            this.policyLoss = new PpoPolicyLoss.Categorical();
        } else if (actions instanceof Box b && b.shape().length == 1) {
            this.numActions = b.flatSize();
            this.actionSize = numActions;
            this.actionBox = b;
            this.logStdAdam = new VectorAdam(new double[numActions]); // log std 0: SB3's log_std_init
            this.gaussian = new PpoPolicyLoss.Gaussian(logStdAdam.values);
            this.policyLoss = gaussian;
        } else {
            throw new SpaceMismatch("ppo", "action", "Discrete or flat (one-dimensional) Box", actions, FITS);
        }
        Space obs = context.observationSpace();
        if (!(obs instanceof Box box) || box.shape().length != 1) throw new SpaceMismatch("ppo", "observation", "flat (one-dimensional) Box", obs, FITS);
        PpoHyperparameters.check(hp, context.numEnvs());
        this.obsSize = obs.flatSize();
        this.rng = context.rng();
        this.evalRng = rng.split();
        long seed = rng.nextLong();
        this.actor = Networks.mlp(hp.network(), obsSize, numActions, Activation.IDENTITY, policyLoss, seed);
        this.critic = Networks.mlp(hp.network(), obsSize, 1, Activation.IDENTITY, valueLoss, seed + 1);
        // SB3 scales the policy head's initial weights by 0.01: a near-uniform first policy explores evenly
        actor.getLayer(actor.getnLayers() - 1).getParam("W").muli(0.01);
        this.actorSteps = GradientSteps.of(actor);
        this.criticSteps = GradientSteps.of(critic);
        int n = context.numEnvs();
        this.buffer = new RolloutBuffer(hp.nSteps(), n, obsSize, actionSize);
        this.pendingActions = new float[n * actionSize];
        this.pendingValues = new float[n];
        this.pendingLogProbs = new float[n];
        this.finalValues = new float[n];
        this.probs = new double[numActions];
        int b = hp.batchSize();
        this.mbObs = new float[b * obsSize];
        this.mbActions = new float[b * actionSize];
        this.mbAdvantages = new float[b];
        this.mbOldLogProbs = new float[b];
        this.mbReturns = new float[b];
        this.mbValues = new float[b];
        MetricLog log = context.metrics();
        this.policyLossMean = log.mean("policy_loss");
        this.valueLossMean = log.mean("value_loss");
        this.entropyMean = log.mean("entropy");
        this.klMean = log.mean("approx_kl");
        this.clipMean = log.mean("clip_fraction");
    }

    MultiLayerNetwork actor() {
        return actor;
    }

    MultiLayerNetwork critic() {
        return critic;
    }

    @Override
    public void act(VectorEnv env, boolean explore, Actions out) {
        int n = env.numEnvs();
        INDArray x = Rows.matrix(env.observations(), n, obsSize);
        float[] outputs = Rows.flat(actorSteps.output(x));
        boolean sample = explore || !hp.deterministicEval();
        Rng r = explore ? rng : evalRng;
        if (gaussian == null) actDiscrete(outputs, n, sample, explore, r, out.discrete());
        else actContinuous(outputs, n, sample, explore, r, out.continuous());
        if (explore) System.arraycopy(Rows.flat(criticSteps.output(x)), 0, pendingValues, 0, n);
    }

    private void actDiscrete(float[] logits, int n, boolean sample, boolean explore, Rng r, int[] chosen) {
        for (int i = 0; i < n; i++) {
            if (!sample) {
                chosen[i] = Rows.argmax(logits, i * numActions, numActions);
                continue;
            }
            double logSum = softmax(logits, i * numActions, numActions, probs);
            double u = r.nextDouble(), c = 0;
            int a = numActions - 1;
            for (int j = 0; j < numActions; j++) {
                c += probs[j];
                if (u < c) {
                    a = j;
                    break;
                }
            }
            chosen[i] = a;
            if (explore) {
                pendingActions[i] = a;
                pendingLogProbs[i] = (float) (logits[i * numActions + a] - logSum);
            }
        }
    }

    /** a = μ + σ·N(0, 1) per dimension, kept as sampled for learning; the env gets it clipped to its bounds. */
    private void actContinuous(float[] means, int n, boolean sample, boolean explore, Rng r, float[] chosen) {
        int d = numActions;
        double halfLog2Pi = 0.5 * Math.log(2 * Math.PI);
        for (int i = 0; i < n; i++) {
            double logPi = 0;
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                double a = means[k];
                if (sample) {
                    double noise = r.nextGaussian();
                    a += Math.exp(gaussian.logStd[j]) * noise;
                    logPi += -0.5 * noise * noise - gaussian.logStd[j] - halfLog2Pi;
                }
                if (explore) pendingActions[k] = (float) a;
                chosen[k] = (float) Math.max(actionBox.low(j), Math.min(actionBox.high(j), a));
            }
            if (explore) pendingLogProbs[i] = (float) logPi;
        }
    }

    /** Fills {@code p} with softmax(values[offset..offset+k)) and returns logsumexp. */
    private static double softmax(float[] values, int offset, int k, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) max = Math.max(max, values[offset + j]);
        double sum = 0;
        for (int j = 0; j < k; j++) sum += p[j] = Math.exp(values[offset + j] - max);
        for (int j = 0; j < k; j++) p[j] /= sum;
        return max + Math.log(sum);
    }

    @Override
    public void observe(VectorEnv env, Actions taken) {
        int n = env.numEnvs();
        boolean[] term = env.terminated(), trunc = env.truncated();
        boolean anyTruncated = false;
        for (int i = 0; i < n; i++) anyTruncated |= trunc[i] && !term[i];
        // a truncated episode bootstraps from the value of the observation that ended it
        if (anyTruncated) System.arraycopy(Rows.flat(criticSteps.output(Rows.matrix(env.nextObservations(), n, obsSize))), 0, finalValues, 0, n);
        buffer.add(env.previousObservations(), pendingActions, env.rewards(), term, trunc, pendingValues, pendingLogProbs, finalValues);
        steps += n;
        if (!buffer.full()) return;
        float[] last = Rows.flat(criticSteps.output(Rows.matrix(env.observations(), n, obsSize)));
        buffer.computeReturnsAndAdvantages(last, hp.gamma(), hp.gaeLambda());
        train();
        buffer.reset();
    }

    /** n_epochs passes of minibatches over the full rollout. */
    private void train() {
        double lr = hp.learningRateAt(steps), clip = hp.clipRangeAt(steps);
        actor.setLearningRate(lr);
        critic.setLearningRate(lr);
        valueLoss.coefficient(hp.vfCoef());
        int size = buffer.size(), b = hp.batchSize();
        float[] obs = buffer.observations(), act = buffer.actions(), adv = buffer.advantages(), ret = buffer.returns(), logp = buffer.logProbs();
        float[] val = buffer.values();
        valueLoss.clip(mbValues, hp.clipRangeVf());
        epochs:
        for (int epoch = 0; epoch < hp.nEpochs(); epoch++) {
            int[] order = buffer.shuffled(rng);
            for (int start = 0; start < size; start += b) {
                int m = Math.min(b, size - start);
                for (int j = 0; j < m; j++) {
                    int e = order[start + j];
                    System.arraycopy(obs, e * obsSize, mbObs, j * obsSize, obsSize);
                    System.arraycopy(act, e * actionSize, mbActions, j * actionSize, actionSize);
                    mbAdvantages[j] = adv[e];
                    mbOldLogProbs[j] = logp[e];
                    mbReturns[j] = ret[e];
                    mbValues[j] = val[e];
                }
                if (hp.normalizeAdvantage() && m > 1) standardise(mbAdvantages, m);
                INDArray x = Rows.matrix(mbObs, m, obsSize);
                policyLoss.minibatch(mbActions, mbAdvantages, mbOldLogProbs, m, clip, hp.entCoef());
                INDArray actorGrad = actorSteps.gradient(x, Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, m, numActions));
                // SB3 measures the KL before the step and skips the step that would exceed the target
                if (hp.targetKl() > 0 && policyLoss.approxKl > 1.5 * hp.targetKl()) break epochs;
                INDArray criticGrad = criticSteps.gradient(x, Rows.matrix(mbReturns, m, 1));
                clipGlobalNorm(actorGrad, criticGrad);
                actorSteps.step();
                criticSteps.step();
                if (gaussian != null) logStdAdam.step(gaussian.logStdGradient, lr);
                gradientSteps++;
                policyLossMean.add(policyLoss.policyLoss);
                entropyMean.add(policyLoss.entropy);
                klMean.add(policyLoss.approxKl);
                clipMean.add(policyLoss.clipFraction);
                valueLossMean.add(valueLoss.mse);
            }
        }
        updates++;
    }

    /** torch's std (Bessel-corrected) and SB3's 1e-8. */
    private static void standardise(float[] a, int m) {
        double mean = 0;
        for (int i = 0; i < m; i++) mean += a[i];
        mean /= m;
        double var = 0;
        for (int i = 0; i < m; i++) var += (a[i] - mean) * (a[i] - mean);
        double std = Math.sqrt(var / (m - 1));
        for (int i = 0; i < m; i++) a[i] = (float) ((a[i] - mean) / (std + 1e-8));
    }

    /** torch's clip_grad_norm_ over both networks: scale by max / (norm + 1e-6) when the norm exceeds max. */
    private void clipGlobalNorm(INDArray a, INDArray c) {
        if (hp.maxGradNorm() <= 0) return;
        double na = a.norm2Number().doubleValue(), nc = c.norm2Number().doubleValue();
        double squares = na * na + nc * nc;
        if (gaussian != null) for (double g : gaussian.logStdGradient) squares += g * g;
        double scale = hp.maxGradNorm() / (Math.sqrt(squares) + 1e-6);
        if (scale < 1) {
            a.muli(scale);
            c.muli(scale);
            if (gaussian != null) for (int j = 0; j < numActions; j++) gaussian.logStdGradient[j] *= scale;
        }
    }

    /** Gauges only; the losses are averaged in the context's {@link MetricLog}. */
    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("learning_rate", hp.learningRateAt(steps));
        m.put("clip_range", hp.clipRangeAt(steps));
        m.put("gradient_steps", (double) gradientSteps);
        if (gaussian != null) {
            double mean = 0;
            for (double l : gaussian.logStd) mean += Math.exp(l);
            m.put("action_std", mean / numActions);
        }
        return m;
    }

    @Override
    public void save(CheckpointWriter out) throws IOException {
        Training.save(out, "ppo.actor", actor);
        Training.save(out, "ppo.critic", critic);
        out.putLongs("ppo.rng", rng.state());
        out.putLongs("ppo.eval_rng", evalRng.state());
        out.putLongs("ppo.counters", new long[] {steps, updates, gradientSteps});
        buffer.save(out, "ppo.rollout.");
        if (gaussian != null) logStdAdam.save(out, "ppo.log_std");
    }

    @Override
    public void restore(CheckpointReader in) throws IOException {
        Training.restore(in, "ppo.actor", actor);
        Training.restore(in, "ppo.critic", critic);
        rng.setState(in.getLongs("ppo.rng"));
        evalRng.setState(in.getLongs("ppo.eval_rng"));
        long[] c = in.getLongs("ppo.counters");
        steps = c[0];
        updates = c[1];
        gradientSteps = c[2];
        buffer.restore(in, "ppo.rollout.");
        if (gaussian != null) logStdAdam.restore(in, "ppo.log_std");
    }
}
