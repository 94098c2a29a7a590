package dev.simlab.gan;

import dev.simlab.nn.DenseBackprop;
import dev.simlab.nn.EpsilonLoss;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.data.Dataset;
import dev.simlab.core.gan.Gan;
import dev.simlab.core.gan.GanContext;
import dev.simlab.core.gan.ModeCoverage;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.Rgba;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.Shape;
import dev.simlab.nn.NetworkSpec;
import dev.simlab.nn.Networks;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * A GAN whose generator and discriminator are Deeplearning4j networks built from lab-nn specs:
 * MLPs, or for image datasets small conv nets when a spec lists {@code conv} channels
 * ({@link Networks#convGenerator}, {@link Networks#convClassifier}); all of them read and write
 * flat rows, so the training code is the same for both.
 *
 * <p>The adversarial losses ({@link GanLoss}) are computed in Java on the discriminator's logits;
 * both networks end in an {@link EpsilonLoss} output layer, so a network is trained on any
 * externally computed dL/d(output) with its own {@code fit} (and its own optimiser and learning
 * rate). A generator step runs G, then D's {@code calculateGradients} on the fakes, which yields
 * dL/dx for D's input without touching D's weights, and G is fitted on that: G is trained
 * through D with no parameter copies. Packing (PacGAN) concatenates {@code pack} samples into
 * one discriminator input, a free reshape of the row-major batch.
 *
 * <p>WGAN-GP needs the gradient of ‖∇ₓD(x̂)‖ with respect to D's weights, a second derivative
 * DL4J's MultiLayerNetwork cannot take. With v = ∇ₓD/‖∇ₓD‖ it equals ∂/∂θ of the directional
 * derivative v·∇ₓD(x̂), which is taken as the central difference (D(x̂+εv) − D(x̂−εv)) / 2ε:
 * backpropagating those two batches with opposite weights gives the penalty's gradient in the
 * same {@code fit} as the Wasserstein term. For piecewise-linear activations (ReLU, leaky ReLU)
 * it is exact unless x̂ ± εv crosses a kink.
 */
final class DeepGan implements Gan {
    /** The viewer's noise seed: the same samples every frame, drawn from no stream a run's results depend on. */
    private static final long VIEW_SEED = 0x71e3;
    private final GanHyperparameters hp;
    private final GanLoss loss;
    private final Dataset data;
    private final Rng rng;
    /** Evaluation's noise (generate); training draws from {@code rng}; the viewer from neither. */
    private final Rng sampleRng;
    private final int dim, pack, batch, samples, zDim;
    /**
     * Conditional: the dataset's classes K (0: unconditional). G reads z with the class one-hot
     * appended; D has a projection head (Miyato &amp; Koyama, 2018): K + 1 outputs, and its logit
     * for (x, y) is output 0 (ψ(φ(x))) plus output 1 + y (⟨v_y, φ(x)⟩ + b_y, a class-wise linear read-out of
     * D's last hidden features), so only those two outputs receive gradient.
     */
    private final int classes;
    /** Conditional: the classes of the real batch (its fakes are generated for the same ones) and of the generator step. */
    private final int[] realLabels, genLabels;
    private final MultiLayerNetwork g, d;
    /** Their fast passes, bit-identical to DL4J's calls (null for conv nets, which keep DL4J's calls). */
    private final DenseBackprop gDense, dDense;
    private MultiLayerNetwork gEma;
    private INDArray emaParams;
    private final float[] realBuf, zBuf;
    /** With {@code standardize}: per-coordinate mean and standard deviation of the data; the networks see (x − mean) / std. */
    private final float[] mean, std;
    private long iterations;
    private long generatorSteps;
    /** keep_best: samples per selection score (the VEEGAN/PacGAN evaluation size). */
    static final int SELECT_SAMPLES = 2500;
    /** keep_best's noise: a stream of its own, so selecting draws nothing from evaluation's or training's. */
    private final Rng selectRng;
    /** keep_best: the generator's weights (the averaged ones with ema) at its best selection point, and that point. */
    private INDArray bestParams;
    private long bestIteration = -1, lastSelected = -1;
    private double bestModes, bestHq, lastModes = Double.NaN, lastHq = Double.NaN;
    /** After {@link #finish()} with keep_best: generate from the kept weights. */
    private boolean useBest;

    DeepGan(GanContext context, GanHyperparameters hp) {
        this.hp = hp;
        this.loss = GanLoss.of(hp.loss());
        this.data = context.dataset();
        this.rng = context.rng();
        long sampleSeed = rng.nextLong();
        this.sampleRng = new Rng(sampleSeed);
        // derived without drawing from rng, so keep_best on or off trains the same networks
        this.selectRng = new Rng(sampleSeed ^ 0x6b656570L);
        this.dim = data.dimension();
        this.pack = hp.pack();
        this.batch = hp.batchSize();
        this.samples = batch * pack;
        this.zDim = hp.noiseDim();
        int[] shape = data.shape();
        if (hp.conditional() && data.classes() <= 0) {
            throw new ConfigException("", "gan.conditional", "conditional generation needs a labelled dataset (digits, or idx with labels: FILE); "
                    + "this one has no labels: remove conditional or give the dataset its labels");
        }
        if (hp.conditional() && pack > 1) {
            throw new ConfigException("", "gan.pack", "pack " + pack + " mixes samples of different classes in one discriminator input, "
                    + "which a conditional discriminator cannot label: use pack: 1 with conditional: true");
        }
        this.classes = hp.conditional() ? data.classes() : 0;
        this.realLabels = classes > 0 ? new int[samples] : null;
        this.genLabels = classes > 0 ? new int[samples] : null;
        requireImagesForConv(hp.generator(), shape, "gan.generator");
        requireImagesForConv(hp.discriminator(), shape, "gan.discriminator");
        if (hp.discriminator().isConv() && pack > 1) {
            throw new ConfigException("", "gan.pack", "pack " + pack + " concatenates samples into one flat discriminator input, which a conv "
                    + "discriminator (gan.discriminator.conv) cannot read as an image: use pack: 1, or an MLP discriminator (no conv)");
        }
        if (hp.r1() > 0 && loss == GanLoss.WGAN_GP) {
            throw new ConfigException("", "gan.r1", "wgan-gp has its own gradient penalty (gan.gp_weight); r1 is for minimax, lsgan and hinge: remove r1 or change gan.loss");
        }
        if (hp.truncation() > 0 && hp.truncation() < 0.25) {
            throw new ConfigException("", "gan.truncation", hp.truncation() + " would redraw almost every noise coordinate: use 0 (off) or a value from 0.25 (BigGAN uses 0.5 to 2)");
        }
        if (hp.drsPercentile() > 0 && loss != GanLoss.MINIMAX) {
            throw new ConfigException("", "gan.drs_percentile", "rejection sampling reads D's logit as log(p_data / p_G), which only the minimax loss "
                    + "trains it to estimate; this run uses " + hp.loss() + ": use loss: minimax, or remove drs_percentile");
        }
        if (hp.drsPercentile() > 0 && hp.conditional()) {
            throw new ConfigException("", "gan.drs_percentile", "rejection sampling would drop samples of a requested class and change the labels asked for; "
                    + "it is for unconditional GANs: remove drs_percentile or conditional");
        }
        if (hp.lrHalfLife() > 0 && !("adam".equals(hp.generator().optimizer()) && "adam".equals(hp.discriminator().optimizer()))) {
            throw new ConfigException("", "gan.lr_half_life", "the learning-rate schedule is implemented for Adam only; the generator uses "
                    + hp.generator().optimizer() + " and the discriminator " + hp.discriminator().optimizer() + ": use optimizer: adam for both, or remove lr_half_life");
        }
        if (hp.keepBest() > 0 && data.modes() == null) {
            throw new ConfigException("", "gan.keep_best", "keep_best scores mode coverage, which needs a mixture with known modes (ring8, grid25); "
                    + "this dataset has none: remove keep_best");
        }
        if (hp.standardize() && shape.length >= 2) {
            throw new ConfigException("", "gan.standardize", "images are already scaled to [0, 1] (the generator ends in a sigmoid); "
                    + "standardize is for vector data such as the 2D mixtures: remove it");
        }
        // images are scaled to [0, 1]: a sigmoid output keeps generated pixels there
        Activation out = shape.length >= 2 ? Activation.SIGMOID : Activation.IDENTITY;
        this.g = buildGenerator(out, rng.nextLong());
        this.d = build(hp.discriminator(), hp.discriminator().isConv()
                ? Networks.convClassifier(hp.discriminator(), shape[0], shape[1], 1 + classes, Activation.IDENTITY, new EpsilonLoss(), rng.nextLong(), "gan.discriminator")
                : Networks.mlp(hp.discriminator(), dim * pack, 1 + classes, Activation.IDENTITY, new EpsilonLoss(), rng.nextLong()), hp.criticSteps());
        this.gDense = DenseBackprop.of(g);
        this.dDense = DenseBackprop.of(d);
        if (hp.ema() > 0) emaParams = g.params().dup();
        // a network to generate with weights other than G's own: the average, or the kept best
        if (hp.ema() > 0 || hp.keepBest() > 0) gEma = buildGenerator(out, 0);
        if (hp.standardize()) {
            mean = new float[dim];
            std = new float[dim];
            moments(data, mean, std);
        } else {
            mean = null;
            std = null;
        }
        this.realBuf = new float[samples * dim];
        this.zBuf = new float[samples * zDim];
    }

    /** Mean and standard deviation of each coordinate over 100,000 samples drawn with a fixed seed (the same on resume). */
    private static void moments(Dataset data, float[] mean, float[] std) {
        int n = 100_000, dim = mean.length;
        float[] x = new float[n * dim];
        data.sample(new Rng(0x5eed), n, x);
        for (int j = 0; j < dim; j++) {
            double s = 0, ss = 0;
            for (int i = 0; i < n; i++) s += x[i * dim + j];
            double m = s / n;
            for (int i = 0; i < n; i++) ss += (x[i * dim + j] - m) * (x[i * dim + j] - m);
            mean[j] = (float) m;
            std[j] = (float) Math.max(Math.sqrt(ss / n), 1e-6);
        }
    }

    /** Data space → the networks' space, in place ({@code n} examples); nothing without {@code standardize}. */
    private void toNetwork(float[] x, int n) {
        if (mean == null) return;
        for (int i = 0; i < n; i++) for (int j = 0; j < dim; j++) x[i * dim + j] = (x[i * dim + j] - mean[j]) / std[j];
    }

    /** The networks' space → data space, in place. */
    private void toData(float[] x, int offset, int n) {
        if (mean == null) return;
        for (int i = 0; i < n; i++) for (int j = 0; j < dim; j++) x[offset + i * dim + j] = x[offset + i * dim + j] * std[j] + mean[j];
    }

    /** Conv layers read and write images: only for image datasets (shape [h, w]). */
    private static void requireImagesForConv(NetworkSpec spec, int[] shape, String key) {
        if (spec.isConv() && shape.length != 2) {
            throw new ConfigException("", key + ".conv", "conv layers need image data (a dataset of h × w images, e.g. digits or idx); this dataset's "
                    + "samples are vectors of " + java.util.Arrays.stream(shape).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(" × "))
                    + " values: remove conv");
        }
    }

    /** G: noise → a sample (flat); a conv generator for images when its spec has conv layers. */
    private MultiLayerNetwork buildGenerator(Activation out, long seed) {
        NetworkSpec spec = hp.generator();
        int[] shape = data.shape();
        return build(spec, spec.isConv()
                ? Networks.convGenerator(spec, zDim + classes, shape[0], shape[1], out, new EpsilonLoss(), seed, "gan.generator")
                : Networks.mlp(spec, zDim + classes, dim, out, new EpsilonLoss(), seed), 1);
    }

    /** The learning rate the network's next fit uses (its first layer's updater at its fit count). */
    private static double learningRate(MultiLayerNetwork net) {
        BaseLayer l = (BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
        return l.getIUpdater().getLearningRate(net.getIterationCount(), net.getEpochCount());
    }

    /** @param fitsPerIteration how many times per GAN iteration this network is fitted (D: critic_steps), for lr_half_life */
    private MultiLayerNetwork build(NetworkSpec spec, MultiLayerNetwork net, int fitsPerIteration) {
        return withGanAdam(spec, net, hp.beta1(), hp.beta2(), hp.lrHalfLife(), fitsPerIteration);
    }

    /**
     * {@code net} with the GAN's Adam (β1, β2, and with {@code halfLife} &gt; 0 a learning rate halving every that many
     * iterations) when its spec asks for Adam; unchanged otherwise.
     */
    static MultiLayerNetwork withGanAdam(NetworkSpec spec, MultiLayerNetwork net, double beta1, double beta2, int halfLife, int fitsPerIteration) {
        if ("adam".equals(spec.optimizer())) {
            // GANs train with Adam β1 = 0.5 (Radford et al., 2016); NetworkSpec has no β, so it is set here,
            // before the first fit creates the updater
            for (NeuralNetConfiguration c : net.getLayerWiseConfigurations().getConfs()) {
                if (c.getLayer() instanceof BaseLayer l) {
                    l.setIUpdater(adam(spec, beta1, beta2, halfLife, fitsPerIteration));
                    l.setBiasUpdater(adam(spec, beta1, beta2, halfLife, fitsPerIteration));
                }
            }
        }
        return net;
    }

    /**
     * Adam with the GAN's β1, β2; with {@code lr_half_life} its learning rate halves every that many
     * GAN iterations (an exponential schedule on the network's own fit count, which checkpoints keep).
     */
    private static Adam adam(NetworkSpec spec, double beta1, double beta2, int halfLife, int fitsPerIteration) {
        if (halfLife <= 0) return new Adam(spec.learningRate(), beta1, beta2, 1e-8);
        double gamma = Math.pow(0.5, 1.0 / ((double) halfLife * fitsPerIteration));
        return Adam.builder().learningRateSchedule(new ExponentialSchedule(ScheduleType.ITERATION, spec.learningRate(), gamma))
                .beta1(beta1).beta2(beta2).epsilon(1e-8).build();
    }

    /** G's input for {@code n} samples: Gaussian noise, with the one-hot of {@code labels} appended to each row when conditional (labels non-null). */
    private INDArray noise(Rng r, int n, int[] labels) {
        return noise(r, n, labels, 0);
    }

    /** A standard normal draw; with {@code truncation} > 0, redrawn until it lies within ±truncation. */
    private static double gaussian(Rng r, double truncation) {
        double v = r.nextGaussian();
        if (truncation > 0) while (Math.abs(v) > truncation) v = r.nextGaussian();
        return v;
    }

    /** As {@link #noise(Rng, int, int[])}, each coordinate truncated to ±{@code truncation} (0: not). */
    private INDArray noise(Rng r, int n, int[] labels, double truncation) {
        if (labels == null) {
            float[] z = n * zDim == zBuf.length ? zBuf : new float[n * zDim];
            for (int i = 0; i < z.length; i++) z[i] = (float) gaussian(r, truncation);
            return Nd4j.create(z, new long[] {n, zDim}, 'c');
        }
        int w = zDim + classes;
        float[] z = new float[n * w];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < zDim; j++) z[i * w + j] = (float) gaussian(r, truncation);
            z[i * w + zDim + labels[i]] = 1;
        }
        return Nd4j.create(z, new long[] {n, w}, 'c');
    }

    /** D's logit per row of {@code x}; conditional: output 0 plus output 1 + y, row r labelled {@code labels[r % labels.length]}. */
    private float[] logits(INDArray x, int[] labels) {
        // with the fast passes, a training forward pass (output's values) that the step after it backpropagates
        float[] out = floats(dDense != null ? dDense.forward(x) : d.output(x, false));
        if (classes == 0) return out;
        int rows = out.length / (1 + classes);
        float[] l = new float[rows];
        for (int r = 0; r < rows; r++) l[r] = out[r * (1 + classes)] + out[r * (1 + classes) + 1 + labels[r % labels.length]];
        return l;
    }

    /** dL/d(D's outputs) for dL/d(logit) per row: one column, or conditional the two outputs the row's logit sums. */
    private INDArray outputGrad(float[] perRow, int[] labels) {
        if (classes == 0) return Nd4j.create(perRow, new long[] {perRow.length, 1}, 'c');
        float[] e = new float[perRow.length * (1 + classes)];
        for (int r = 0; r < perRow.length; r++) {
            e[r * (1 + classes)] = perRow[r];
            e[r * (1 + classes) + 1 + labels[r % labels.length]] = perRow[r];
        }
        return Nd4j.create(e, new long[] {perRow.length, 1 + classes}, 'c');
    }

    static float[] floats(INDArray a) {
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        return c.data().asFloat();
    }

    @Override
    public Map<String, Double> trainIteration() {
        // the selection point of the previous iteration: the generator the run evaluated there
        if (hp.keepBest() > 0 && iterations > 0 && iterations % hp.keepBest() == 0) select();
        double dLoss = 0, gp = 0;
        for (int k = 0; k < hp.criticSteps(); k++) {
            double[] r = discriminatorStep();
            dLoss += r[0];
            gp += r[1];
        }
        double gLoss = generatorStep();
        iterations++;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("d_loss", dLoss / hp.criticSteps());
        m.put("g_loss", gLoss);
        if (loss == GanLoss.WGAN_GP) m.put("gp", gp / hp.criticSteps());
        else if (hp.r1() > 0) m.put("grad_norm_sq", gp / hp.criticSteps());
        if (hp.lrHalfLife() > 0) {
            m.put("lr_g", learningRate(g));
            m.put("lr_d", learningRate(d));
        }
        return m;
    }

    /**
     * One D step; returns {loss, gradient penalty}. WGAN-GP penalises (‖∇ₓD(x̂)‖ − 1)² on
     * interpolates x̂ between real and fake inputs; {@code r1} penalises (γ/2)‖∇ₓD(x)‖² on real
     * inputs (Mescheder et al., 2018). Either enters the same {@code fit} as the adversarial loss
     * through {@link #penalty}.
     */
    private double[] discriminatorStep() {
        if (classes > 0) data.sample(rng, samples, realBuf, realLabels);
        else data.sample(rng, samples, realBuf);
        toNetwork(realBuf, samples);
        INDArray real = Nd4j.create(realBuf, new long[] {batch, (long) dim * pack}, 'c');
        // conditional: the fakes are generated for the real batch's classes, so every block of rows shares realLabels
        INDArray fake = g.output(noise(rng, samples, realLabels), false).reshape('c', batch, (long) dim * pack);
        Penalty p = null;
        if (loss == GanLoss.WGAN_GP) {
            double lambda = hp.gpWeight();
            p = penalty(interpolates(fake), n -> lambda * (n - 1) * (n - 1), n -> 2 * lambda * (n - 1), n -> (n - 1) * (n - 1));
        } else if (hp.r1() > 0) {
            double gamma = hp.r1();
            p = penalty(realBuf, n -> gamma / 2 * n * n, n -> gamma * n, n -> n * n); // penalty only reads it
        }
        INDArray x = p == null ? Nd4j.vstack(real, fake) : Nd4j.vstack(real, fake, p.plus, p.minus);
        int blocks = p == null ? 2 : 4; // fit divides by its blocks·B rows; each term is a mean over B inputs
        float[] logits = logits(x, realLabels);
        float[] eps = new float[blocks * batch];
        double l = 0;
        for (int i = 0; i < batch; i++) {
            l += loss.real(logits[i]) + loss.fake(logits[batch + i]);
            eps[i] = (float) (blocks * loss.realGrad(logits[i]));
            eps[batch + i] = (float) (blocks * loss.fakeGrad(logits[batch + i]));
            if (p != null) {
                eps[2 * batch + i] = (float) (blocks * p.coef[i]);
                eps[3 * batch + i] = (float) (-blocks * p.coef[i]);
            }
        }
        if (dDense != null) dDense.step(dDense.backward(outputGrad(eps, realLabels)), (int) x.size(0));   // fit on logits' forward pass
        else d.fit(x, outputGrad(eps, realLabels));
        return p == null ? new double[] {l / batch, 0} : new double[] {(l + p.value) / batch, p.reported / batch};
    }

    /** Random points on the segments between the real inputs (in realBuf) and the fake ones (WGAN-GP's x̂), row by row. */
    private float[] interpolates(INDArray fake) {
        int w = dim * pack;
        float[] r = realBuf, f = floats(fake);
        float[] hat = new float[batch * w];
        for (int i = 0; i < batch; i++) {
            float a = (float) rng.nextDouble();
            for (int j = 0; j < w; j++) hat[i * w + j] = a * r[i * w + j] + (1 - a) * f[i * w + j];
        }
        return hat;
    }

    /**
     * A penalty Σᵢ P(‖∇ₓD(xᵢ)‖) over B inputs, for the same fit as the loss: with vᵢ the unit
     * gradient, ∂‖∇ₓD‖/∂θ = ∂(vᵢ·∇ₓD)/∂θ, taken as the central difference (D(xᵢ+εvᵢ) − D(xᵢ−εvᵢ)) / 2ε,
     * so rows xᵢ ± εvᵢ with dL/dD = ±P'(‖∇ₓD‖)/2ε give the penalty's gradient.
     */
    private Penalty penalty(float[] at, java.util.function.DoubleUnaryOperator value, java.util.function.DoubleUnaryOperator slope,
                            java.util.function.DoubleUnaryOperator reported) {
        int w = dim * pack;
        INDArray xs = Nd4j.create(at, new long[] {batch, w}, 'c');
        float[] ones = new float[batch];
        java.util.Arrays.fill(ones, 1f);
        float[] grad = floats(inputGradient(xs, outputGrad(ones, realLabels)));
        double e = hp.gpEpsilon();
        float[] plus = new float[batch * w], minus = new float[batch * w];
        double[] coef = new double[batch];
        double total = 0, shown = 0;
        for (int i = 0; i < batch; i++) {
            double norm = 0;
            for (int j = 0; j < w; j++) norm += grad[i * w + j] * grad[i * w + j];
            norm = Math.sqrt(norm) + 1e-12;
            total += value.applyAsDouble(norm);
            shown += reported.applyAsDouble(norm);
            coef[i] = slope.applyAsDouble(norm) / (2 * e);
            for (int j = 0; j < w; j++) {
                float step = (float) (e * grad[i * w + j] / norm);
                plus[i * w + j] = at[i * w + j] + step;
                minus[i * w + j] = at[i * w + j] - step;
            }
        }
        return new Penalty(Nd4j.create(plus, new long[] {batch, w}, 'c'), Nd4j.create(minus, new long[] {batch, w}, 'c'), coef, total, shown);
    }

    /** ∂(Σ labels·D(x))/∂x: D's input gradient, through the fast passes when D has them. */
    private INDArray inputGradient(INDArray x, INDArray labels) {
        if (dDense == null) return d.calculateGradients(x, labels, null, null).getSecond();
        dDense.forward(x);
        return dDense.inputGradient(labels);
    }

    /** Rows x ± εv, the dL/dD of their + rows (the − rows get the opposite), the penalty and what the metrics show of it. */
    private record Penalty(INDArray plus, INDArray minus, double[] coef, double value, double reported) {}

    private double generatorStep() {
        if (classes > 0) for (int i = 0; i < samples; i++) genLabels[i] = rng.nextInt(classes);
        INDArray z = noise(rng, samples, genLabels);
        // with the fast passes G's training forward pass (output's values) is the one its step backpropagates
        INDArray fake = (gDense != null ? gDense.forward(z) : g.output(z, false)).reshape('c', batch, (long) dim * pack);
        float[] logits = logits(fake, genLabels);
        float[] eps = new float[batch];
        double l = 0;
        for (int i = 0; i < batch; i++) {
            l += loss.gen(logits[i]);
            eps[i] = (float) loss.genGrad(logits[i]);
        }
        INDArray fakeGrad = dDense != null ? dDense.inputGradient(outputGrad(eps, genLabels))   // on logits' forward pass
                : d.calculateGradients(fake, outputGrad(eps, genLabels), null, null).getSecond();
        // G's fit divides by its B·pack rows; the loss is a mean over B packed inputs
        INDArray dx = fakeGrad.dup('c').reshape('c', samples, dim).muli(pack);
        if (gDense != null) gDense.step(gDense.backward(dx), samples);
        else g.fit(z, dx);
        if (emaParams != null) {
            // warm-up as TensorFlow's ExponentialMovingAverage(num_updates): early averages do not drag in the initial weights
            double decay = Math.min(hp.ema(), (1.0 + generatorSteps) / (10.0 + generatorSteps));
            emaParams.muli(decay).addi(g.params().mul(1 - decay));
        }
        generatorSteps++;
        return l / batch;
    }

    /** The weights the generator generates with now: the kept best after finish, else the average (ema), else G's own (null). */
    private INDArray generating() {
        return useBest ? bestParams : emaParams;
    }

    /**
     * keep_best: scores the generator as it is now (at most once per iteration) on {@link #SELECT_SAMPLES}
     * samples of {@code selectRng}, and keeps its weights when it covers more modes than the kept
     * ones, or as many with more high-quality samples.
     */
    private void select() {
        if (lastSelected == iterations) return;
        float[] x = new float[SELECT_SAMPLES * dim];
        INDArray current = emaParams != null ? emaParams : g.params();
        generate(selectRng, current, SELECT_SAMPLES, x, null);
        ModeCoverage c = ModeCoverage.of(x, SELECT_SAMPLES, dim, data.modes(), data.modeStddev());
        lastSelected = iterations;
        lastModes = c.modesCovered();
        lastHq = c.highQuality();
        if (bestIteration < 0 || lastModes > bestModes || (lastModes == bestModes && lastHq > bestHq)) {
            bestParams = current.dup();
            bestIteration = iterations;
            bestModes = lastModes;
            bestHq = lastHq;
        }
    }

    /**
     * With keep_best: scores the final generator too and switches to the kept one; the figures say which
     * iteration it comes from and how both scored on the selection samples. Nothing without keep_best.
     */
    @Override
    public synchronized Map<String, Double> finish() {
        if (hp.keepBest() <= 0) return Map.of();
        select();
        useBest = true;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("kept_iteration", (double) bestIteration);
        m.put("kept_select_modes", bestModes);
        m.put("kept_select_high_quality", bestHq);
        m.put("final_select_modes", lastModes);
        m.put("final_select_high_quality", lastHq);
        return m;
    }

    @Override
    public synchronized void generate(int n, float[] out) {
        if (hp.drsPercentile() > 0) generateRejecting(sampleRng, generating(), n, out);
        else generate(sampleRng, generating(), n, out, classes > 0 ? uniformLabels(n) : null);
    }

    /** Generated samples from which rejection sampling takes its maximum logit and γ. */
    static final int DRS_BURN_IN = 10_000;

    /**
     * {@code n} samples by discriminator rejection sampling (Azadi et al., 2019, as StudioGAN samples): D's logit
     * l estimates log(p_data / p_G); with M the largest logit seen (over the burn-in, then every candidate),
     * F = l − M − log(1 − exp(l − M − ε)) and a candidate is kept with probability σ(F − γ), γ the
     * {@code drs_percentile}-th percentile of F over the burn-in. D judges packed inputs, so with pack &gt; 1
     * candidates are kept or dropped a packed group at a time. Noise and coin flips come from {@code noise};
     * inference only, as {@link #generate(Rng, INDArray, int, float[], int[])}.
     */
    private void generateRejecting(Rng noise, INDArray params, int n, float[] out) {
        MultiLayerNetwork net = generatorWith(params);
        int w = dim * pack;
        int burnInputs = Math.max(1, DRS_BURN_IN / pack);
        float[] burn = candidates(noise, net, burnInputs);
        float[] l = inferenceLogits(burn, burnInputs);
        double max = Double.NEGATIVE_INFINITY;
        for (float v : l) max = Math.max(max, v);
        double[] f = new double[l.length];
        for (int i = 0; i < l.length; i++) f[i] = drsF(l[i], max);
        double gamma = percentile(f, hp.drsPercentile());
        int filled = 0, inputs = Math.max(1, 4096 / pack);
        while (filled < n) {
            float[] x = candidates(noise, net, inputs);
            float[] logit = inferenceLogits(x, inputs);
            for (int i = 0; i < inputs && filled < n; i++) {
                max = Math.max(max, logit[i]);
                if (noise.nextDouble() >= GanLoss.sigmoid(drsF(logit[i], max) - gamma)) continue;
                int take = Math.min(pack, n - filled);
                System.arraycopy(x, i * w, out, filled * dim, take * dim);
                filled += take;
            }
        }
        toData(out, 0, n);
    }

    /** F(l) = l − M − log(1 − exp(l − M − ε)): large for logits near the maximum M, about l − M far below it. */
    static double drsF(double logit, double max) {
        return logit - max - Math.log(-Math.expm1(logit - max - 1e-6));
    }

    /** The {@code p}-th percentile of {@code v}, linearly interpolated between order statistics (NumPy's default). */
    static double percentile(double[] v, double p) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        double pos = p / 100 * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** {@code inputs · pack} samples in the networks' space (G's raw output), flat. */
    private float[] candidates(Rng noise, MultiLayerNetwork net, int inputs) {
        return floats(net.output(noise(noise, inputs * pack, null, hp.truncation()), false));
    }

    /** D's inference logit for each of {@code inputs} packed rows of {@code x} (unconditional). */
    float[] inferenceLogits(float[] x, int inputs) {
        return floats(d.output(Nd4j.create(x, new long[] {inputs, (long) dim * pack}, 'c'), false));
    }

    /** G, or with {@code params} the generating copy loaded with them (it exists only to be read so, and is overwritten before every use). */
    private MultiLayerNetwork generatorWith(INDArray params) {
        if (params == null) return g;
        gEma.setParams(params);
        return gEma;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public synchronized void generate(int n, float[] out, int[] labels) {
        if (classes == 0) throw new UnsupportedOperationException("this GAN is not class-conditional (gan.conditional: false)");
        for (int l : labels) if (l < 0 || l >= classes) throw new IllegalArgumentException("class " + l + " is not one of 0.." + (classes - 1));
        generate(sampleRng, generating(), n, out, labels);
    }

    /** Classes 0, 1, …, K − 1 in turn: what an unconditional request of a conditional GAN generates. */
    private int[] uniformLabels(int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) l[i] = i % classes;
        return l;
    }

    /**
     * {@code n} samples of the generator with weights {@code params} (null: G's own) on noise from {@code noise}.
     * Inference only: no weights, batch-norm statistics or counters move, so only the generator
     * passed in tells one call from another.
     */
    private void generate(Rng noise, INDArray params, int n, float[] out, int[] labels) {
        MultiLayerNetwork net = generatorWith(params);
        int chunk = 4096;
        for (int s = 0; s < n; s += chunk) {
            int m = Math.min(chunk, n - s);
            // the truncation trick shapes what is generated, never what is trained on
            INDArray z = noise(noise, m, labels == null ? null : java.util.Arrays.copyOfRange(labels, s, s + m), hp.truncation());
            float[] x = floats(net.output(z, false));
            System.arraycopy(x, 0, out, s * dim, m * dim);
            toData(out, s * dim, m);
        }
    }

    /**
     * The viewer's samples: from noise seeded the same at every frame, never from {@code sampleRng}
     * (evaluation's stream) or {@code rng} (training's), so watching a run changes none of its
     * results, and the picture moves only as the generator learns.
     */
    private synchronized void viewSamples(int n, float[] out) {
        int[] labels = null;
        if (classes > 0) {
            // one class per row of the viewer's 8-wide board
            labels = new int[n];
            for (int i = 0; i < n; i++) labels[i] = (i / 8) % classes;
        }
        generate(new Rng(VIEW_SEED), generating(), n, out, labels);
    }

    /**
     * 2D data: 500 generated samples (blue), the modes (red), and D's output as a surface; images:
     * an 8 × 8 board of generated images as textured quads beside 8 real ones.
     */
    @Override
    public void describe(SceneBuilder scene) {
        int[] shape = data.shape();
        if (shape.length == 2) {
            describeImages(scene, shape[0], shape[1]);
            return;
        }
        if (dim != 2) return;
        int n = 500;
        float[] s = new float[2 * n];
        viewSamples(n, s);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = s[2 * i];
            xyz[3 * i + 1] = 0.02f;
            xyz[3 * i + 2] = -s[2 * i + 1];
        }
        scene.add(new Shape.Points("generated", xyz, 0.03f, new Rgba(0.2f, 0.4f, 0.9f, 1f)));
        float lim = 1.5f;
        float[] modes = data.modes();
        if (modes != null) {
            for (int m = 0; m < modes.length / 2; m++) {
                lim = Math.max(lim, 1.3f * Math.max(Math.abs(modes[2 * m]), Math.abs(modes[2 * m + 1])));
                scene.add(new Shape.Sphere("mode", modes[2 * m], 0.02f, -modes[2 * m + 1], 0.05f, new Rgba(0.9f, 0.2f, 0.2f, 1f)));
            }
        }
        if (pack == 1) {
            int cells = 32;
            float[] grid = new float[cells * cells * 2];
            for (int r = 0; r < cells; r++) {
                for (int c = 0; c < cells; c++) {
                    grid[2 * (r * cells + c)] = -lim + 2 * lim * c / (cells - 1);
                    grid[2 * (r * cells + c) + 1] = lim - 2 * lim * r / (cells - 1);
                }
            }
            toNetwork(grid, cells * cells);
            // inference (train = false): D's weights and whatever training reads stay as they were
            float[] logit = inferenceLogits(grid, cells * cells);
            float[] h = new float[cells * cells];
            for (int i = 0; i < h.length; i++) h[i] = (float) (0.3 * GanLoss.sigmoid(logit[i]));
            scene.add(new Shape.Surface("discriminator", -lim, -lim, 2 * lim, 2 * lim, cells, cells, h,
                    new Rgba(0.1f, 0.1f, 0.3f, 0.5f), new Rgba(0.9f, 0.9f, 0.3f, 0.5f)));
        }
        scene.focus(0, 0, 0).extent(2 * lim);
    }

    /** Images of {@code rows × cols} pixels: 64 generated in an 8 × 8 board, a column of 8 real ones on its left. */
    private void describeImages(SceneBuilder scene, int rows, int cols) {
        // conditional: one row per class
        int per = 8, lines = classes > 0 ? classes : 8, n = per * lines;
        float cell = 1f, size = 0.9f, depth = size * rows / cols;
        float[] fake = new float[n * dim];
        viewSamples(n, fake);
        for (int i = 0; i < n; i++) {
            float x = (i % per - (per - 1) / 2f) * cell, z = (i / per - (lines - 1) / 2f) * cell * rows / cols;
            scene.add(new Shape.Image("generated", x, 0.01f, z, size, depth, cols, rows, java.util.Arrays.copyOfRange(fake, i * dim, (i + 1) * dim)));
        }
        float[] real = new float[per * dim];
        data.sample(new Rng(0), per, real); // the same real examples every frame
        for (int i = 0; i < per; i++) {
            float z = (i - (per - 1) / 2f) * cell * rows / cols;
            scene.add(new Shape.Image("real", -(per / 2f + 1) * cell, 0.01f, z, size, depth, cols, rows, java.util.Arrays.copyOfRange(real, i * dim, (i + 1) * dim)));
        }
        scene.add(new Shape.Label("real-label", -(per / 2f + 1) * cell, 0.02f, -(per / 2f + 0.3f) * cell * rows / cols, "real", new Rgba(0.1f, 0.1f, 0.1f, 1f)));
        scene.add(new Shape.Label("generated-label", 0, 0.02f, -(lines / 2f + 0.3f) * cell * rows / cols, "generated", new Rgba(0.1f, 0.1f, 0.1f, 1f)));
        scene.focus(-0.5f * cell, 0, 0).extent((Math.max(per, lines) + 3) * cell);
    }

    /** The generator's weights (the averaged ones too, with {@code ema}), for tests. */
    float[] generatorParams() {
        float[] w = floats(g.params());
        if (emaParams == null) return w;
        float[] e = floats(emaParams);
        float[] both = java.util.Arrays.copyOf(w, w.length + e.length);
        System.arraycopy(e, 0, both, w.length, e.length);
        return both;
    }

    float[] discriminatorParams() {
        return floats(d.params());
    }

    @Override
    public void save(CheckpointWriter out) throws IOException {
        out.putFloats("gan.g", floats(g.params()));
        out.putFloats("gan.d", floats(d.params()));
        putUpdater(out, "gan.g.updater", g);
        putUpdater(out, "gan.d.updater", d);
        if (emaParams != null) out.putFloats("gan.g.ema", floats(emaParams));
        out.putLongs("gan.rng", rng.state());
        out.putLongs("gan.sample_rng", sampleRng.state());
        out.putLongs("gan.counters", new long[] {iterations, g.getIterationCount(), g.getEpochCount(), d.getIterationCount(), d.getEpochCount(), generatorSteps});
        if (hp.keepBest() > 0) {
            out.putLongs("gan.select_rng", selectRng.state());
            out.putLongs("gan.keep", new long[] {bestIteration, lastSelected, useBest ? 1 : 0});
            out.putDoubles("gan.keep_scores", new double[] {bestModes, bestHq, lastModes, lastHq});
            if (bestParams != null) out.putFloats("gan.best", floats(bestParams));
        }
    }

    static void putUpdater(CheckpointWriter out, String key, MultiLayerNetwork net) throws IOException {
        INDArray state = net.getUpdater(true).getStateViewArray();
        if (state != null) out.putFloats(key, floats(state));
    }

    @Override
    public void restore(CheckpointReader in) throws IOException {
        g.setParams(row(in.getFloats("gan.g"), g.numParams()));
        d.setParams(row(in.getFloats("gan.d"), d.numParams()));
        getUpdater(in, "gan.g.updater", g);
        getUpdater(in, "gan.d.updater", d);
        if (emaParams != null && in.has("gan.g.ema")) emaParams.assign(row(in.getFloats("gan.g.ema"), g.numParams()));
        rng.setState(in.getLongs("gan.rng"));
        sampleRng.setState(in.getLongs("gan.sample_rng"));
        long[] c = in.getLongs("gan.counters");
        iterations = c[0];
        g.setIterationCount((int) c[1]);
        g.setEpochCount((int) c[2]);
        d.setIterationCount((int) c[3]);
        d.setEpochCount((int) c[4]);
        generatorSteps = c[5];
        if (hp.keepBest() > 0 && in.has("gan.keep")) {
            selectRng.setState(in.getLongs("gan.select_rng"));
            long[] k = in.getLongs("gan.keep");
            bestIteration = k[0];
            lastSelected = k[1];
            useBest = k[2] == 1;
            double[] sc = in.getDoubles("gan.keep_scores");
            bestModes = sc[0];
            bestHq = sc[1];
            lastModes = sc[2];
            lastHq = sc[3];
            bestParams = in.has("gan.best") ? row(in.getFloats("gan.best"), g.numParams()) : null;
        }
    }

    static void getUpdater(CheckpointReader in, String key, MultiLayerNetwork net) throws IOException {
        if (!in.has(key)) return;
        INDArray state = net.getUpdater(true).getStateViewArray();
        float[] u = in.getFloats(key);
        if (state == null || state.length() != u.length) throw new IOException("checkpoint optimiser state does not fit this network's optimiser");
        state.assign(Nd4j.createFromArray(u).reshape(state.shape()));
    }

    static INDArray row(float[] values, long expected) throws IOException {
        if (values.length != expected) throw new IOException("checkpoint network has " + values.length + " parameters, this one " + expected);
        return Nd4j.createFromArray(values).reshape(1, values.length);
    }
}
