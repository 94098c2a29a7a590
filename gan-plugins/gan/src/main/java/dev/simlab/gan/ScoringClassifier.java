package dev.simlab.gan;

import dev.simlab.nn.NetworkSpec;
import dev.simlab.nn.Networks;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The fixed feature extractor that scores generated images of a large labelled set with a
 * held-out split (Fashion-MNIST): an MLP (784 → 256 → 128 → 10, ReLU, Adam 1e-3, batch 128,
 * {@link #EPOCHS} epochs over the whole training set in an order drawn from seed {@link #SEED}),
 * trained once and cached under the user's cache folder ({@code -Dsimlab.cache}, else {@code $SIMLAB_CACHE}, else
 * {@code $XDG_CACHE_HOME/simlab}, else {@code ~/.cache/simlab}) as {@code classifiers/<fingerprint>.bin}
 * with a {@code .json} beside it recording its seed, epochs, architecture and held-out accuracy.
 * The fingerprint covers the training images, their labels and this recipe, so another dataset or
 * recipe never reads a stale file. Its 128 penultimate features give the Fréchet distance
 * ({@link FrechetDistance}); it is not Inception's FID.
 */
final class ScoringClassifier {
    static final long SEED = 12345;
    static final int EPOCHS = 8;
    static final List<Integer> HIDDEN = List.of(256, 128);
    static final String RECIPE = "mlp-256-128-relu-adam1e-3-b128-e" + EPOCHS + "-s" + SEED;

    private final MultiLayerNetwork net;
    private final double testAccuracy;
    private final Path file;

    private ScoringClassifier(MultiLayerNetwork net, double testAccuracy, Path file) {
        this.net = net;
        this.testAccuracy = testAccuracy;
        this.file = file;
    }

    private static MultiLayerNetwork build(int dim) {
        return Networks.mlp(new NetworkSpec(HIDDEN, "relu", "adam", 1e-3, 0.9, "he", 0), dim, 10, Activation.SOFTMAX, new LossMCXENT(), SEED);
    }

    static Path cacheDir() {
        String prop = System.getProperty("simlab.cache");
        if (prop != null && !prop.isEmpty()) return Path.of(prop);
        String own = System.getenv("SIMLAB_CACHE");
        if (own != null && !own.isEmpty()) return Path.of(own);
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) return Path.of(xdg, "simlab");
        return Path.of(System.getProperty("user.home"), ".cache", "simlab");
    }

    /** The cached classifier for {@code train} (trained and cached on first use), its accuracy measured on {@code test}. */
    static synchronized ScoringClassifier of(ImageDataset train, ImageDataset test) {
        int dim = train.dimension();
        String key = fingerprint(train);
        Path dir = cacheDir().resolve("classifiers");
        Path bin = dir.resolve(key + ".bin"), meta = dir.resolve(key + ".json");
        MultiLayerNetwork net = build(dim);
        if (Files.isRegularFile(bin) && Files.isRegularFile(meta)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(bin)))) {
                int n = in.readInt();
                if (n == net.numParams()) {
                    float[] p = new float[n];
                    for (int i = 0; i < n; i++) p[i] = in.readFloat();
                    net.setParams(Nd4j.createFromArray(p).reshape(1, n));
                    return new ScoringClassifier(net, accuracy(net, test), bin);
                }
            } catch (IOException e) {
                // unreadable: trained again below and rewritten
            }
        }
        train(net, train);
        double acc = accuracy(net, test);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
                float[] p = net.params().dup('c').data().asFloat();
                out.writeInt(p.length);
                for (float v : p) out.writeFloat(v);
            }
            Files.move(tmp, bin, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String json = String.format(Locale.ROOT, "{\n  \"recipe\": \"%s\",\n  \"seed\": %d,\n  \"epochs\": %d,\n  \"training_images\": %d,\n"
                    + "  \"held_out_images\": %d,\n  \"held_out_accuracy\": %.4f\n}\n", RECIPE, SEED, EPOCHS, train.size(), test.size(), acc);
            Files.writeString(meta, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // no cache folder: the classifier still scores this run, and is trained again next time
        }
        return new ScoringClassifier(net, acc, bin);
    }

    /** A short hex digest of the recipe, the image size, every label and every pixel (as 0..255). */
    static String fingerprint(ImageDataset data) {
        CRC32 crc = new CRC32();
        crc.update((RECIPE + "|" + data.size() + "|" + data.dimension()).getBytes(StandardCharsets.UTF_8));
        byte[] px = new byte[data.pixels().length];
        for (int i = 0; i < px.length; i++) px[i] = (byte) Math.round(data.pixels()[i] * 255);
        crc.update(px);
        int[] l = data.labels();
        byte[] lb = new byte[l.length];
        for (int i = 0; i < l.length; i++) lb[i] = (byte) l[i];
        crc.update(lb);
        return String.format("%08x-%d", crc.getValue(), data.size());
    }

    private static void train(MultiLayerNetwork net, ImageDataset data) {
        ImageScores.fitShuffled(net, data.pixels(), data.labels(), data.size(), data.dimension(), EPOCHS, SEED);
    }

    private static double accuracy(MultiLayerNetwork net, ImageDataset test) {
        int n = test.size(), dim = test.dimension();
        float[] p = net.output(Nd4j.create(test.pixels(), new long[] {n, dim}, 'c'), false).data().asFloat();
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < 10; j++) if (p[i * 10 + j] > p[i * 10 + best]) best = j;
            if (best == test.labels()[i]) correct++;
        }
        return correct / (double) n;
    }

    /** Class probabilities of {@code n} images, 10 per image. */
    synchronized float[] probabilities(float[] images, int n) {
        return net.output(Nd4j.create(java.util.Arrays.copyOf(images, n * net.layerInputSize(0)), new long[] {n, net.layerInputSize(0)}, 'c'), false)
                .data().asFloat();
    }

    /** The 128 penultimate (last hidden) features of {@code n} images. */
    synchronized float[] features(float[] images, int n) {
        int dim = net.layerInputSize(0);
        INDArray x = Nd4j.create(java.util.Arrays.copyOf(images, n * dim), new long[] {n, dim}, 'c');
        List<INDArray> acts = net.feedForwardToLayer(HIDDEN.size() - 1, x, false);
        INDArray f = acts.get(acts.size() - 1);
        return (f.ordering() == 'c' && !f.isView() ? f : f.dup('c')).data().asFloat();
    }

    int featureCount() {
        return HIDDEN.get(HIDDEN.size() - 1);
    }

    /** Accuracy on the held-out images. */
    double testAccuracy() {
        return testAccuracy;
    }

    Path file() {
        return file;
    }
}
