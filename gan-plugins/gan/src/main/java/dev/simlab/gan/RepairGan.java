package dev.simlab.gan;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.data.Dataset;
import dev.simlab.core.gan.Gan;
import dev.simlab.core.gan.GanContext;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scene.Rgba;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.scene.Shape;
import dev.simlab.nn.DenseBackprop;
import dev.simlab.nn.EpsilonLoss;
import dev.simlab.nn.NetworkSpec;
import dev.simlab.nn.Networks;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Image repair and super-resolution: a generator that maps a degraded image to the clean one,
 * trained with a content (L1) loss plus, with {@code adversarial} &gt; 0, a discriminator's
 * non-saturating loss on its outputs (context encoders, Pathak et al. 2016; SRResNet and SRGAN,
 * Ledig et al. 2017). With {@code adversarial: 0} there is no discriminator.
 *
 * <ul>
 *   <li><b>inpaint</b>: the input is the image with a hole (a centre square of {@code mask_size}, or
 *       {@code blocks} random squares of that side) set to 0, and the hole's mask; the output is the
 *       input with the hole filled by the generator, and the L1 loss is the mean over the hole.</li>
 *   <li><b>superres</b>: the input is the image shrunk by {@code factor} (the mean of each block), the
 *       output the full-size image: the bicubic upsampling of the input plus the generator's output,
 *       a residual (as VDSR, Kim et al. 2016), so training starts at bicubic's quality; the L1 loss
 *       is the mean over the image, and evaluated outputs are clipped to [0, 1].</li>
 * </ul>
 *
 * <p>It is scored on the first {@code test_images} held-out images of its dataset ({@link Dataset#heldOut()},
 * e.g. Fashion-MNIST's test set): PSNR and SSIM ({@link ImageQuality}) over the hole (inpainting) or
 * the whole image (super-resolution), beside baselines computed in the same run on the same images
 * and masks: the training images' mean image and the training image nearest by the visible pixels
 * (inpainting), bicubic upsampling (super-resolution); {@code detail} is the outputs' mean squared
 * neighbour difference relative to the truth's (1: as much fine detail as real images; blur is
 * below 1). Evaluation is deterministic (fixed test masks, no sampling), so it draws from no
 * stream training uses.
 */
final class RepairGan implements Gan {
    enum Task { INPAINT, SUPERRES }

    static final NetworkSpec DEFAULT_G = new NetworkSpec(List.of(1024, 1024), "relu", "adam", 2e-4, 0.9, "he", 0);
    static final NetworkSpec DEFAULT_D = new NetworkSpec(List.of(512, 256), "leaky_relu", "adam", 2e-4, 0.9, "he", 0);

    private static ParamSchema schema(Task task) {
        List<Param> p = new java.util.ArrayList<>(List.of(
                Param.tree("generator", DEFAULT_G.toMap(), "generator network (lab-nn spec): hidden, activation, optimizer, learning_rate, ..."),
                Param.tree("discriminator", DEFAULT_D.toMap(), "discriminator network (lab-nn spec) judging whole output images; only with adversarial > 0"),
                Param.real("adversarial", 0, 0, 1e6, "weight of the adversarial loss beside the L1 content loss (0: content loss alone, no discriminator)"),
                Param.choice("loss", "minimax", List.of("minimax", "lsgan", "hinge"), "adversarial objective (with adversarial > 0)"),
                Param.integer("batch_size", 64, 1, 65_536, "training images per step"),
                Param.real("beta1", 0.5, 0, 0.99999, "Adam's β1 for both networks"),
                Param.real("beta2", 0.999, 0, 0.99999999, "Adam's β2 for both networks"),
                Param.integer("lr_half_life", 0, 0, 1_000_000_000, "Adam's learning rates halve every this many iterations (0: constant)"),
                Param.integer("test_images", 1000, 1, 1_000_000, "held-out images scored at each evaluation (the first ones of the held-out set)")));
        if (task == Task.INPAINT) {
            p.add(Param.choice("mask", "center", List.of("center", "blocks"), "the hole: one centre square, or `blocks` squares at random places"));
            p.add(Param.integer("mask_size", 12, 1, 4096, "side of the centre square, or of each block, in pixels"));
            p.add(Param.integer("blocks", 4, 1, 1000, "mask: blocks: squares per image (they may overlap)"));
        } else {
            p.add(Param.integer("factor", 4, 2, 64, "upsampling factor: the input is the image shrunk by this much (28×28 → 7×7 for 4)"));
        }
        return new ParamSchema(p);
    }

    static final ParamSchema INPAINT_SCHEMA = schema(Task.INPAINT), SUPERRES_SCHEMA = schema(Task.SUPERRES);

    /** A fixed seed for the held-out images' masks: every evaluation and every run scores the same holes. */
    private static final long TEST_MASK_SEED = 0x7e57L;
    /** Held-out images in the sample grid and in the viewer. */
    private static final int SHOWN = 8;

    private final Task task;
    private final Dataset data;
    private final Rng rng;
    private final GanLoss loss;
    private final double adversarial;
    private final int h, w, d, batch, factor, inDim;
    private final String mask;
    private final int maskSize, blocks;
    private final MultiLayerNetwork g, disc;
    /** Their fast passes, bit-identical to DL4J's calls (lab-nn's DenseBackprop); null where they do not apply or without D. */
    private final DenseBackprop gDense, dDense;
    private long iterations;
    // training buffers
    private final float[] real, input;
    private final boolean[] hole;
    // the held-out images, their degraded inputs and holes, and the baselines' outputs (computed once)
    private final int nTest;
    private final float[] test, testInput;
    private final boolean[] testHole;
    private Map<String, float[]> baselines;

    RepairGan(Task task, GanContext context, Params p) {
        this.task = task;
        this.data = context.dataset();
        this.rng = context.rng();
        int[] shape = data.shape();
        if (shape.length != 2) {
            throw new ConfigException("", "dataset.id", (task == Task.INPAINT ? "inpainting" : "super-resolution") + " needs images (fashion-mnist, digits, idx); "
                    + "this dataset's samples are vectors of " + data.dimension() + " values");
        }
        Dataset held = data.heldOut();
        if (held == null) {
            throw new ConfigException("", "dataset.id", (task == Task.INPAINT ? "inpainting" : "super-resolution")
                    + " is scored on held-out images, which this dataset has none of: use id: fashion-mnist, or idx with test_path: FILE");
        }
        this.h = shape[0];
        this.w = shape[1];
        this.d = h * w;
        this.loss = GanLoss.of(p.string("loss"));
        this.adversarial = p.real("adversarial");
        this.batch = (int) p.integer("batch_size");
        if (task == Task.INPAINT) {
            this.mask = p.string("mask");
            this.maskSize = (int) p.integer("mask_size");
            this.blocks = (int) p.integer("blocks");
            if (maskSize >= Math.min(h, w)) {
                throw new ConfigException("", "gan.mask_size", maskSize + " leaves nothing visible of " + h + "×" + w + " images: use 1 to " + (Math.min(h, w) - 1));
            }
            this.factor = 1;
            this.inDim = 2 * d; // the holed image and its mask
        } else {
            this.mask = null;
            this.maskSize = 0;
            this.blocks = 0;
            this.factor = (int) p.integer("factor");
            if (h % factor != 0 || w % factor != 0) {
                throw new ConfigException("", "gan.factor", factor + " does not divide the " + h + "×" + w + " images: use a factor that does (for 28×28: 2, 4, 7, 14)");
            }
            this.inDim = d / (factor * factor);
        }
        NetworkSpec gs = NetworkSpec.parse(p.tree("generator"), DEFAULT_G, "gan.generator");
        NetworkSpec ds = NetworkSpec.parse(p.tree("discriminator"), DEFAULT_D, "gan.discriminator");
        if (gs.isConv() || ds.isConv()) {
            throw new ConfigException("", gs.isConv() ? "gan.generator.conv" : "gan.discriminator.conv", "inpaint and superres build MLPs: remove conv");
        }
        double b1 = p.real("beta1"), b2 = p.real("beta2");
        int halfLife = (int) p.integer("lr_half_life");
        // inpainting's pixels come from a sigmoid; super-resolution's residual over bicubic is unbounded
        Activation outAct = task == Task.INPAINT ? Activation.SIGMOID : Activation.IDENTITY;
        this.g = DeepGan.withGanAdam(gs, Networks.mlp(gs, inDim, d, outAct, new EpsilonLoss(), rng.nextLong()), b1, b2, halfLife, 1);
        long dSeed = rng.nextLong(); // drawn either way, so the generator starts the same with or without a discriminator
        this.disc = adversarial > 0
                ? DeepGan.withGanAdam(ds, Networks.mlp(ds, d, 1, Activation.IDENTITY, new EpsilonLoss(), dSeed), b1, b2, halfLife, 1) : null;
        this.gDense = DenseBackprop.of(g);
        this.dDense = disc == null ? null : DenseBackprop.of(disc);
        this.real = new float[batch * d];
        this.input = new float[batch * inDim];
        this.hole = new boolean[batch * d];
        int available = held.size() > 0 ? held.size() : (int) p.integer("test_images");
        this.nTest = (int) Math.min(p.integer("test_images"), available);
        this.test = new float[nTest * d];
        if (held instanceof ImageDataset img) System.arraycopy(img.pixels(), 0, test, 0, nTest * d);
        else held.sample(new Rng(TEST_MASK_SEED), nTest, test);
        this.testInput = new float[nTest * inDim];
        this.testHole = new boolean[nTest * d];
        degrade(test, nTest, new Rng(TEST_MASK_SEED), testInput, testHole);
    }

    /** The generator's input for each of {@code n} images, and (inpainting) their holes, holes drawn from {@code r}. */
    private void degrade(float[] images, int n, Rng r, float[] in, boolean[] holes) {
        for (int i = 0; i < n; i++) {
            if (task == Task.SUPERRES) {
                ImageQuality.downsample(images, i, h, w, factor, in, i);
                continue;
            }
            Arrays.fill(holes, i * d, (i + 1) * d, false);
            if ("center".equals(mask)) square(holes, i, (h - maskSize) / 2, (w - maskSize) / 2);
            else for (int b = 0; b < blocks; b++) square(holes, i, r.nextInt(h - maskSize + 1), r.nextInt(w - maskSize + 1));
            for (int q = 0; q < d; q++) {
                boolean m = holes[i * d + q];
                in[i * inDim + q] = m ? 0 : images[i * d + q];
                in[i * inDim + d + q] = m ? 1 : 0;
            }
        }
    }

    private void square(boolean[] holes, int i, int top, int left) {
        for (int r = top; r < top + maskSize; r++) for (int c = left; c < left + maskSize; c++) holes[i * d + r * w + c] = true;
    }

    /**
     * The image the generator's output makes, in place: inpainting keeps the visible pixels and fills the hole;
     * super-resolution adds the output to the bicubic upsampling of the input.
     */
    private void compose(float[] out, float[] in, boolean[] holes, int n) {
        if (task == Task.SUPERRES) {
            float[] bic = new float[d];
            for (int i = 0; i < n; i++) {
                ImageQuality.bicubic(in, i, h / factor, w / factor, factor, bic, 0);
                for (int q = 0; q < d; q++) out[i * d + q] += bic[q];
            }
            return;
        }
        for (int i = 0; i < n; i++) for (int q = 0; q < d; q++) if (!holes[i * d + q]) out[i * d + q] = in[i * inDim + q];
    }

    @Override
    public Map<String, Double> trainIteration() {
        data.sample(rng, batch, real);
        degrade(real, batch, rng, input, hole);
        INDArray x = Nd4j.create(input, new long[] {batch, inDim}, 'c');
        // with the fast passes, G's training forward pass (output's values) is the one its step below backpropagates
        float[] fake = DeepGan.floats(gDense != null ? gDense.forward(x) : g.output(x, false)).clone();
        compose(fake, input, hole, batch);
        Map<String, Double> m = new LinkedHashMap<>();
        // content: mean |output − truth| over the hole (inpainting) or the image; its gradient per image for G's fit, which averages over the batch
        float[] eps = new float[batch * d];
        double l1 = 0;
        for (int i = 0; i < batch; i++) {
            int count = 0;
            for (int q = 0; q < d; q++) if (task == Task.SUPERRES || hole[i * d + q]) count++;
            double s = 0;
            for (int q = 0; q < d; q++) {
                if (task == Task.INPAINT && !hole[i * d + q]) continue;
                float e = fake[i * d + q] - real[i * d + q]; // d(image)/d(output) is 1 where the output counts
                s += Math.abs(e);
                eps[i * d + q] = Math.signum(e) / count;
            }
            l1 += s / count;
        }
        m.put("l1", l1 / batch);
        if (disc != null) {
            INDArray realX = Nd4j.create(real, new long[] {batch, d}, 'c');
            INDArray fakeX = Nd4j.create(fake, new long[] {batch, d}, 'c');
            INDArray both = Nd4j.vstack(realX, fakeX);
            float[] logits = DeepGan.floats(dDense != null ? dDense.forward(both) : disc.output(both, false));
            float[] de = new float[2 * batch];
            double dl = 0;
            for (int i = 0; i < batch; i++) {
                dl += loss.real(logits[i]) + loss.fake(logits[batch + i]);
                de[i] = (float) (2 * loss.realGrad(logits[i])); // fit divides by its 2B rows; each term is a mean over B
                de[batch + i] = (float) (2 * loss.fakeGrad(logits[batch + i]));
            }
            INDArray dLabels = Nd4j.create(de, new long[] {2 * batch, 1}, 'c');
            if (dDense != null) dDense.step(dDense.backward(dLabels), 2 * batch);   // fit on the logits' forward pass
            else disc.fit(both, dLabels);
            // the generator's adversarial gradient through the discriminator just updated, on the same fakes
            float[] fl = DeepGan.floats(dDense != null ? dDense.forward(fakeX) : disc.output(fakeX, false));
            float[] ge = new float[batch];
            double gl = 0;
            for (int i = 0; i < batch; i++) {
                gl += loss.gen(fl[i]);
                ge[i] = (float) loss.genGrad(fl[i]);
            }
            INDArray gLabels = Nd4j.create(ge, new long[] {batch, 1}, 'c');
            float[] dx = DeepGan.floats(dDense != null ? dDense.inputGradient(gLabels)   // on fl's forward pass
                    : disc.calculateGradients(fakeX, gLabels, null, null).getSecond());
            for (int i = 0; i < batch; i++) {
                for (int q = 0; q < d; q++) {
                    // the composite keeps the visible pixels: only the hole's outputs reach D
                    if (task == Task.INPAINT && !hole[i * d + q]) continue;
                    eps[i * d + q] += (float) (adversarial * dx[i * d + q]);
                }
            }
            m.put("d_loss", dl / batch);
            m.put("g_adv", gl / batch);
        }
        INDArray gLabels = Nd4j.create(eps, new long[] {batch, d}, 'c');
        if (gDense != null) gDense.step(gDense.backward(gLabels), batch);   // fit on the forward pass that made the fakes
        else g.fit(x, gLabels);
        iterations++;
        return m;
    }

    /** The generator's outputs (composited) for the held-out images [from, from + n). */
    private float[] repair(int from, int n) {
        float[] out = new float[n * d];
        int chunk = 1000;
        for (int s = 0; s < n; s += chunk) {
            int k = Math.min(chunk, n - s);
            float[] in = Arrays.copyOfRange(testInput, (from + s) * inDim, (from + s + k) * inDim);
            float[] o = DeepGan.floats(g.output(Nd4j.create(in, new long[] {k, inDim}, 'c'), false));
            compose(o, in, Arrays.copyOfRange(testHole, (from + s) * d, (from + s + k) * d), k);
            for (int q = 0; q < o.length; q++) o[q] = Math.max(0, Math.min(1, o[q]));
            System.arraycopy(o, 0, out, s * d, k * d);
        }
        return out;
    }

    @Override
    public synchronized Evaluation evaluate() {
        if (baselines == null) baselines = baselines();
        float[] out = repair(0, nTest);
        Map<String, Double> f = new LinkedHashMap<>();
        score(f, "", out);
        double truthDetail = 0;
        for (int i = 0; i < nTest; i++) truthDetail += ImageQuality.detail(test, i, h, w);
        for (Map.Entry<String, float[]> b : baselines.entrySet()) score(f, "_" + b.getKey(), b.getValue());
        if (task == Task.SUPERRES) {
            f.put("detail", detail(out) / truthDetail);
            f.put("detail_bicubic", detail(baselines.get("bicubic")) / truthDetail);
        }
        List<float[]> columns = new java.util.ArrayList<>(List.of(shownInputs()));
        for (float[] b : baselines.values()) columns.add(b);
        columns.add(out);
        columns.add(test);
        return new Evaluation(f, panels(columns), SHOWN, columns.size(), h, w);
    }

    private double detail(float[] images) {
        double s = 0;
        for (int i = 0; i < nTest; i++) s += ImageQuality.detail(images, i, h, w);
        return s;
    }

    /** PSNR and SSIM of {@code images} against the held-out truth, over the holes (inpainting) or whole images, averaged over images. */
    private void score(Map<String, Double> f, String suffix, float[] images) {
        double p = 0, s = 0;
        for (int i = 0; i < nTest; i++) {
            boolean[] region = task == Task.INPAINT ? Arrays.copyOfRange(testHole, i * d, (i + 1) * d) : null;
            p += ImageQuality.psnr(images, i, test, i, d, region);
            s += ImageQuality.ssim(images, i, test, i, h, w, region);
        }
        f.put("psnr" + suffix, p / nTest);
        f.put("ssim" + suffix, s / nTest);
    }

    /** The baselines' outputs for every held-out image: mean image and nearest training image (inpainting), bicubic (super-resolution). */
    private Map<String, float[]> baselines() {
        Map<String, float[]> b = new LinkedHashMap<>();
        if (task == Task.SUPERRES) {
            float[] bic = new float[nTest * d];
            for (int i = 0; i < nTest; i++) ImageQuality.bicubic(testInput, i, h / factor, w / factor, factor, bic, i);
            b.put("bicubic", bic);
            return b;
        }
        float[] pool = trainingImages();
        int n = pool.length / d;
        float[] meanImage = new float[d];
        for (int i = 0; i < n; i++) for (int q = 0; q < d; q++) meanImage[q] += pool[i * d + q];
        for (int q = 0; q < d; q++) meanImage[q] /= n;
        float[] mean = new float[nTest * d], near = new float[nTest * d];
        int[] nearest = nearestByVisible(pool, n);
        for (int i = 0; i < nTest; i++) {
            for (int q = 0; q < d; q++) {
                boolean m = testHole[i * d + q];
                mean[i * d + q] = m ? meanImage[q] : test[i * d + q];
                near[i * d + q] = m ? pool[nearest[i] * d + q] : test[i * d + q];
            }
        }
        b.put("mean_image", mean);
        b.put("nearest", near);
        return b;
    }

    /** Every training image (an {@link ImageDataset}'s), else 10,000 drawn with a fixed seed. */
    private float[] trainingImages() {
        if (data instanceof ImageDataset img) return img.pixels();
        float[] pool = new float[10_000 * d];
        data.sample(new Rng(TEST_MASK_SEED + 1), 10_000, pool);
        return pool;
    }

    /**
     * For each held-out image, the training image with the least squared difference over the held-out
     * image's visible pixels: Σ v(t − x)² = Σ v t² − 2 (v∘t)·x + v·x², two matrix products per chunk.
     */
    private int[] nearestByVisible(float[] pool, int n) {
        INDArray x = Nd4j.create(pool, new long[] {n, d}, 'c');
        INDArray xt = x.transpose(), x2t = x.mul(x).transpose();
        int[] best = new int[nTest];
        int chunk = 100;
        for (int s = 0; s < nTest; s += chunk) {
            int k = Math.min(chunk, nTest - s);
            float[] vt = new float[k * d], v = new float[k * d];
            for (int i = 0; i < k; i++) {
                for (int q = 0; q < d; q++) {
                    boolean visible = !testHole[(s + i) * d + q];
                    v[i * d + q] = visible ? 1 : 0;
                    vt[i * d + q] = visible ? test[(s + i) * d + q] : 0;
                }
            }
            INDArray dist = Nd4j.create(v, new long[] {k, d}, 'c').mmul(x2t).subi(Nd4j.create(vt, new long[] {k, d}, 'c').mmul(xt).muli(2));
            long[] arg = Nd4j.argMin(dist, 1).toLongVector();
            for (int i = 0; i < k; i++) best[s + i] = (int) arg[i];
        }
        return best;
    }

    /**
     * The inputs of the first {@link #SHOWN} held-out images as images of the output's size: the hole
     * in mid grey (inpainting), the small image enlarged by repeating pixels (super-resolution).
     */
    private float[] shownInputs() {
        int n = Math.min(SHOWN, nTest);
        float[] in = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (task == Task.SUPERRES) ImageQuality.nearest(testInput, i, h / factor, w / factor, factor, in, i);
            else for (int q = 0; q < d; q++) in[i * d + q] = testHole[i * d + q] ? 0.5f : testInput[i * inDim + q];
        }
        return in;
    }

    /** Row i: image i of each column in turn (columns hold at least min(SHOWN, nTest) images); rows past the held-out images stay black. */
    private float[] panels(List<float[]> columns) {
        int cols = columns.size();
        float[] grid = new float[SHOWN * cols * d];
        for (int i = 0; i < Math.min(SHOWN, nTest); i++) {
            for (int c = 0; c < cols; c++) System.arraycopy(columns.get(c), i * d, grid, (i * cols + c) * d, d);
        }
        return grid;
    }

    @Override
    public void generate(int n, float[] out) {
        // a repairing GAN "generates" repaired held-out images, the first n in turn
        for (int s = 0; s < n; s += nTest) {
            int k = Math.min(nTest, n - s);
            System.arraycopy(repair(0, k), 0, out, s * d, k * d);
        }
    }

    /**
     * The viewer: {@link #SHOWN} held-out images as rows of textured quads, input, output and truth;
     * inference only, so watching changes nothing.
     */
    @Override
    public synchronized void describe(SceneBuilder scene) {
        int n = Math.min(SHOWN, nTest);
        List<float[]> columns = List.of(shownInputs(), repair(0, n), test);
        String[] names = {"input", "output", "truth"};
        float cell = 1f, size = 0.9f, depth = size * h / w;
        for (int c = 0; c < columns.size(); c++) {
            float x = (c - (columns.size() - 1) / 2f) * cell;
            for (int i = 0; i < n; i++) {
                float z = (i - (n - 1) / 2f) * cell * h / w;
                scene.add(new Shape.Image(names[c], x, 0.01f, z, size, depth, w, h, Arrays.copyOfRange(columns.get(c), i * d, (i + 1) * d)));
            }
            scene.add(new Shape.Label(names[c] + "-label", x, 0.02f, -(n / 2f + 0.3f) * cell * h / w, names[c], new Rgba(0.1f, 0.1f, 0.1f, 1f)));
        }
        scene.focus(0, 0, 0).extent((n + 2) * cell);
    }

    @Override
    public void save(CheckpointWriter out) throws IOException {
        out.putFloats("repair.g", DeepGan.floats(g.params()));
        DeepGan.putUpdater(out, "repair.g.updater", g);
        if (disc != null) {
            out.putFloats("repair.d", DeepGan.floats(disc.params()));
            DeepGan.putUpdater(out, "repair.d.updater", disc);
        }
        out.putLongs("repair.rng", rng.state());
        out.putLongs("repair.counters", new long[] {iterations, g.getIterationCount(), g.getEpochCount(),
                disc == null ? 0 : disc.getIterationCount(), disc == null ? 0 : disc.getEpochCount()});
    }

    @Override
    public void restore(CheckpointReader in) throws IOException {
        g.setParams(DeepGan.row(in.getFloats("repair.g"), g.numParams()));
        DeepGan.getUpdater(in, "repair.g.updater", g);
        if (disc != null) {
            if (!in.has("repair.d")) throw new IOException("the checkpoint has no discriminator, this scenario's GAN has one (adversarial > 0)");
            disc.setParams(DeepGan.row(in.getFloats("repair.d"), disc.numParams()));
            DeepGan.getUpdater(in, "repair.d.updater", disc);
        }
        rng.setState(in.getLongs("repair.rng"));
        long[] c = in.getLongs("repair.counters");
        iterations = c[0];
        g.setIterationCount((int) c[1]);
        g.setEpochCount((int) c[2]);
        if (disc != null) {
            disc.setIterationCount((int) c[3]);
            disc.setEpochCount((int) c[4]);
        }
    }
}
