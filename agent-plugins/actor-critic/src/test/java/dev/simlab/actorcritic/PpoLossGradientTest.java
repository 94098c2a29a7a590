package dev.simlab.actorcritic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.rng.Rng;
import dev.simlab.nn.Backend;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The gradients DL4J backpropagates from PPO's losses are the exact gradients of the losses PPO
 * minimises: on a small float64 network, each parameter's analytic partial derivative matches
 * central finite differences of the loss computed from the network's outputs. The minibatch
 * has ratios inside and outside the clip range with positive and negative advantages, so both
 * branches of the min and the clip are exercised.
 */
class PpoLossGradientTest {
    static MultiLayerNetwork net(int nIn, int nOut, ILossFunction loss) {
        Backend.init();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).updater(new Sgd(0.1))
                .weightInit(WeightInit.XAVIER).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().lossFunction(loss).nIn(5).nOut(nOut).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    /** A float64 minibatch of inputs uniform in [-2, 2]. */
    static INDArray inputs(Rng rng, int rows, int cols) {
        double[] xs = new double[rows * cols];
        for (int i = 0; i < xs.length; i++) xs[i] = rng.uniform(-2, 2);
        return Nd4j.create(xs, new long[] {rows, cols}, 'c');
    }

    interface LossOfOutputs {
        double at(double[] outputs);
    }

    /** Largest |analytic − numeric| relative to max(1e-3, |numeric|) over all parameters. */
    static double worstRelativeError(MultiLayerNetwork net, INDArray x, INDArray labels, LossOfOutputs loss) {
        net.setInput(x);
        net.setLabels(labels);
        net.computeGradientAndScore();
        double[] analytic = net.gradient().gradient().dup().data().asDouble();
        INDArray params = net.params();
        double worst = 0, h = 1e-6;
        for (int j = 0; j < params.length(); j++) {
            double v = params.getDouble(j);
            params.putScalar(j, v + h);
            double up = loss.at(dev.simlab.nn.Rows.flatDoubles(net.output(x)));
            params.putScalar(j, v - h);
            double down = loss.at(dev.simlab.nn.Rows.flatDoubles(net.output(x)));
            params.putScalar(j, v);
            double numeric = (up - down) / (2 * h);
            worst = Math.max(worst, Math.abs(analytic[j] - numeric) / Math.max(1e-3, Math.abs(numeric)));
        }
        return worst;
    }

    @Test
    void policyLossGradientMatchesFiniteDifferences() {
        int b = 12, k = 3, nIn = 4;
        PpoPolicyLoss.Categorical loss = new PpoPolicyLoss.Categorical();
        MultiLayerNetwork net = net(nIn, k, loss);
        Rng rng = new Rng(3);
        INDArray x = inputs(rng, b, nIn);
        double[] logits = dev.simlab.nn.Rows.flatDoubles(net.output(x));
        float[] actions = new float[b];
        float[] adv = new float[b], old = new float[b];
        int outside = 0;
        for (int i = 0; i < b; i++) {
            actions[i] = rng.nextInt(k);
            int a = (int) actions[i];
            adv[i] = (float) (i % 2 == 0 ? rng.uniform(0.2, 2) : -rng.uniform(0.2, 2));
            double lse = Math.log(Math.exp(logits[i * k]) + Math.exp(logits[i * k + 1]) + Math.exp(logits[i * k + 2]));
            // old log-probabilities around the current ones: ratios from about 0.55 to 1.8
            double shift = rng.uniform(-0.6, 0.6);
            old[i] = (float) (logits[i * k + a] - lse + shift);
            if (Math.abs(Math.exp(-shift) - 1) > 0.2) outside++;
        }
        assertThat(outside).as("rows whose ratio is clipped").isBetween(2, b - 2);
        loss.minibatch(actions, adv, old, b, 0.2, 0.05);
        double err = worstRelativeError(net, x, Nd4j.zeros(DataType.DOUBLE, b, k), out -> loss.evaluate(null, out, b, k, null));
        assertThat(loss.clipFraction).isGreaterThan(0).isLessThan(1);
        assertThat(err).isLessThan(1e-4);
    }

    @Test
    void gaussianPolicyLossGradientMatchesFiniteDifferencesForTheMeansAndTheLogStd() {
        int b = 12, d = 2, nIn = 3;
        PpoPolicyLoss.Gaussian loss = new PpoPolicyLoss.Gaussian(d);
        loss.logStd[0] = -0.3;
        loss.logStd[1] = 0.4;
        MultiLayerNetwork net = net(nIn, d, loss);
        Rng rng = new Rng(11);
        INDArray x = inputs(rng, b, nIn);
        double[] mu = dev.simlab.nn.Rows.flatDoubles(net.output(x));
        float[] actions = new float[b * d], adv = new float[b], old = new float[b];
        for (int i = 0; i < b; i++) {
            double logPi = 0;
            for (int j = 0; j < d; j++) {
                double z = rng.nextGaussian();
                actions[i * d + j] = (float) (mu[i * d + j] + Math.exp(loss.logStd[j]) * z);
                logPi += -0.5 * z * z - loss.logStd[j] - 0.5 * Math.log(2 * Math.PI);
            }
            adv[i] = (float) (i % 2 == 0 ? rng.uniform(0.2, 2) : -rng.uniform(0.2, 2));
            old[i] = (float) (logPi + rng.uniform(-0.6, 0.6));
        }
        loss.minibatch(actions, adv, old, b, 0.2, 0.05);
        double err = worstRelativeError(net, x, Nd4j.zeros(DataType.DOUBLE, b, d), out -> loss.evaluate(null, out, b, d, null));
        assertThat(loss.clipFraction).isGreaterThan(0).isLessThan(1);
        assertThat(err).isLessThan(1e-4);

        // the log std is the agent's parameter, outside the network: its gradient against finite differences
        net.setInput(x);
        net.setLabels(Nd4j.zeros(DataType.DOUBLE, b, d));
        net.computeGradientAndScore();
        double[] analytic = loss.logStdGradient.clone();
        for (int j = 0; j < d; j++) {
            double v = loss.logStd[j], h = 1e-6;
            loss.logStd[j] = v + h;
            double up = loss.evaluate(null, mu, b, d, null);
            loss.logStd[j] = v - h;
            double down = loss.evaluate(null, mu, b, d, null);
            loss.logStd[j] = v;
            double numeric = (up - down) / (2 * h);
            assertThat(analytic[j]).as("dL/dlog_std[" + j + "]").isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 + 1e-5 * Math.abs(numeric)));
        }
    }

    @Test
    void valueLossGradientMatchesFiniteDifferences() {
        int b = 9, nIn = 3;
        ValueLoss loss = new ValueLoss();
        loss.coefficient(0.5);
        MultiLayerNetwork net = net(nIn, 1, loss);
        Rng rng = new Rng(5);
        INDArray x = inputs(rng, b, nIn);
        double[] rs = new double[b];
        for (int i = 0; i < b; i++) rs[i] = rng.uniform(-3, 3);
        INDArray returns = Nd4j.create(rs, new long[] {b, 1}, 'c');
        double err = worstRelativeError(net, x, returns, out -> {
            double s = 0;
            for (int i = 0; i < b; i++) s += (out[i] - rs[i]) * (out[i] - rs[i]);
            return 0.5 * s / b;
        });
        assertThat(err).isLessThan(1e-4);
    }

    @Test
    void clippedValueLossGradientMatchesFiniteDifferencesAndVanishesWhereClipped() {
        int b = 9, nIn = 3;
        ValueLoss loss = new ValueLoss(0.5);
        MultiLayerNetwork net = net(nIn, 1, loss);
        Rng rng = new Rng(8);
        INDArray x = inputs(rng, b, nIn);
        double[] v = dev.simlab.nn.Rows.flatDoubles(net.output(x));
        double[] rs = new double[b];
        float[] old = new float[b];
        double eps = 0.2;
        int clipped = 0;
        for (int i = 0; i < b; i++) {
            rs[i] = rng.uniform(-3, 3);
            // rollout values within ±0.5 of the current ones: some predictions moved more than ε_vf, some less
            old[i] = (float) (v[i] + rng.uniform(-0.5, 0.5));
            if (Math.abs(v[i] - old[i]) > eps) clipped++;
        }
        assertThat(clipped).as("clipped rows").isBetween(2, b - 2);
        loss.clip(old, eps);
        INDArray returns = Nd4j.create(rs, new long[] {b, 1}, 'c');
        double err = worstRelativeError(net, x, returns, out -> {
            double s = 0;
            for (int i = 0; i < b; i++) {
                double p = old[i] + Math.max(-eps, Math.min(eps, out[i] - old[i]));
                s += (p - rs[i]) * (p - rs[i]);
            }
            return 0.5 * s / b;
        });
        assertThat(err).isLessThan(1e-4);
        double[] grad = new double[b];
        loss.evaluate(rs, v, b, 1, grad);
        for (int i = 0; i < b; i++) if (Math.abs(v[i] - old[i]) > eps) assertThat(grad[i]).as("row " + i).isZero();
    }
}
