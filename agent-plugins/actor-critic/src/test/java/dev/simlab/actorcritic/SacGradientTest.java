package dev.simlab.actorcritic;

import static dev.simlab.actorcritic.PpoLossGradientTest.inputs;
import static dev.simlab.actorcritic.PpoLossGradientTest.net;
import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.rng.Rng;
import dev.simlab.nn.GradientSteps;
import dev.simlab.nn.Rows;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SAC's actor is trained through its critics: the gradient the agent backpropagates (the
 * critics' input gradients g = ∂min(Q₁, Q₂)/∂a, read with {@link Sac#actionGradient}, handed to
 * {@link SquashedGaussian}) is the exact gradient of SAC's actor objective
 * {@code 1/B Σ α·log π(aᵢ|sᵢ) − min(Q₁, Q₂)(sᵢ, aᵢ)}, aᵢ = tanh(μ + σ·εᵢ) with the noise fixed:
 * on small float64 networks it matches central finite differences of that objective, which this
 * test computes on its own from the actor's outputs and the critics' values.
 */
class SacGradientTest {
    static final int B = 10, OBS = 3, D = 2;
    static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /** The objective, written out independently of the agent's code. */
    static double objective(double[] out, INDArray x, float[] noise, double alpha, MultiLayerNetwork q1, MultiLayerNetwork q2) {
        double[] xs = Rows.flatDoubles(x), sa = new double[B * (OBS + D)], logPi = new double[B];
        for (int i = 0; i < B; i++) {
            System.arraycopy(xs, i * OBS, sa, i * (OBS + D), OBS);
            for (int j = 0; j < D; j++) {
                double logStd = Math.max(-20, Math.min(2, out[i * 2 * D + D + j]));
                double a = Math.tanh(out[i * 2 * D + j] + Math.exp(logStd) * noise[i * D + j]);
                sa[i * (OBS + D) + OBS + j] = a;
                logPi[i] += -0.5 * noise[i * D + j] * noise[i * D + j] - logStd - HALF_LOG_2PI - Math.log(1 - a * a + 1e-6);
            }
        }
        INDArray in = Nd4j.create(sa, new long[] {B, OBS + D}, 'c');
        double[] v1 = Rows.flatDoubles(q1.output(in)), v2 = Rows.flatDoubles(q2.output(in));
        double j = 0;
        for (int i = 0; i < B; i++) j += (alpha * logPi[i] - Math.min(v1[i], v2[i])) / B;
        return j;
    }

    @Test
    void theActorsGradientThroughTheTwinCriticsMatchesFiniteDifferencesOfSacsObjective() {
        SquashedGaussian policy = new SquashedGaussian(D);
        MultiLayerNetwork actor = net(OBS, 2 * D, policy);
        ValueLoss l1 = new ValueLoss(0.5), l2 = new ValueLoss(0.5);
        MultiLayerNetwork q1 = net(OBS + D, 1, l1), q2 = net(OBS + D, 1, l2);
        q2.setParams(q2.params().mul(-1.3)); // twins that disagree, so rows take their min from either
        Rng rng = new Rng(17);
        INDArray x = inputs(rng, B, OBS);
        float[] noise = new float[B * D];
        for (int k = 0; k < noise.length; k++) noise[k] = (float) rng.nextGaussian();
        double alpha = 0.7;

        // the agent's path: a from the actor's outputs, g from the critics' input gradients at (s, a), the min row by row
        double[] out = Rows.flatDoubles(actor.output(x));
        double[] xs = Rows.flatDoubles(x), sa = new double[B * (OBS + D)];
        for (int i = 0; i < B; i++) {
            System.arraycopy(xs, i * OBS, sa, i * (OBS + D), OBS);
            for (int j = 0; j < D; j++) {
                double logStd = SquashedGaussian.clamp(out[i * 2 * D + D + j]);
                sa[i * (OBS + D) + OBS + j] = Math.tanh(out[i * 2 * D + j] + Math.exp(logStd) * noise[i * D + j]);
            }
        }
        INDArray at = Nd4j.create(sa, new long[] {B, OBS + D}, 'c');
        float[] g1 = Sac.actionGradient(GradientSteps.of(q1), l1, at), g2 = Sac.actionGradient(GradientSteps.of(q2), l2, at);
        float[] g = new float[B * D];
        int fromFirst = 0;
        for (int i = 0; i < B; i++) {
            boolean first = l1.values[i] <= l2.values[i];
            if (first) fromFirst++;
            System.arraycopy(first ? g1 : g2, i * (OBS + D) + OBS, g, i * D, D);
        }
        assertThat(fromFirst).as("rows whose min is Q1").isBetween(1, B - 1);
        assertThat(l1.passThrough).as("the critic's loss is back to TD errors").isFalse();
        policy.minibatch(noise, g, alpha);

        double err = PpoLossGradientTest.worstRelativeError(actor, x, Nd4j.zeros(DataType.DOUBLE, B, 2 * D),
                o -> objective(o, x, noise, alpha, q1, q2));
        assertThat(err).isLessThan(1e-4);
    }

    @Test
    void aClampedLogStdGetsNoGradientAndTheSampledActionIsBounded() {
        SquashedGaussian policy = new SquashedGaussian(1);
        // one row: μ 0.3, raw log std 3 (clamped to 2); another: μ −0.2, log std −0.5
        double[] out = {0.3, 3.0, -0.2, -0.5};
        float[] noise = {1.5f, -0.4f};
        policy.minibatch(noise, new float[] {0.8f, -1.1f}, 0.5);
        double[] grad = new double[4];
        policy.evaluate(null, out, 2, 2, grad);
        assertThat(grad[1]).as("dL/dlog σ where log σ is clamped").isZero();
        assertThat(grad[3]).isNotZero();
        float[] action = new float[1];
        float[] outputs = {5f, 2f};
        double logPi = SquashedGaussian.sample(outputs, 0, 1, new float[] {3f}, 0, action, 0);
        assertThat(action[0]).isBetween(-1f, 1f);
        assertThat(logPi).isFinite();
        assertThat(SquashedGaussian.sample(outputs, 0, 1, null, 0, action, 0)).isNaN();
        assertThat(action[0]).isEqualTo((float) Math.tanh(5));
    }
}
