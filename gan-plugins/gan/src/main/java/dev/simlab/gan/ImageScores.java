package dev.simlab.gan;

import dev.simlab.nn.NetworkSpec;
import dev.simlab.nn.Networks;
import dev.simlab.core.rng.Rng;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Scores for generated images against a real image set:
 * <ul>
 * <li>{@code classifier_confidence}, {@code classifier_entropy}: a small DL4J classifier trained on
 * the real labelled images rates each generated image; the mean top-class probability says how
 * recognisable the samples are, the entropy (nats) of the histogram of predicted classes how
 * evenly they spread over classes (log 10 ≈ 2.303 when all ten are equally frequent), the two
 * halves of the Inception Score's idea on a classifier that fits these data. Only with labels.</li>
 * <li>{@code classifier_confidence_real}: the same classifier's mean confidence on real images (those it
 * was trained on, or the cached one's held-out images): what a generator that matched the data would
 * score, the reference for {@code classifier_confidence}.</li>
 * <li>{@code classifier_min_class_share}: the share of the class it reads least often (0.1 for ten
 * equally frequent classes); {@code classifier_accuracy}, for a class-conditional GAN: how often it
 * reads the class each sample was generated for.</li>
 * <li>{@code knn_precision}, {@code knn_recall}: improved precision and recall of Kynkäänniemi et
 * al. (2019), k = 3, in pixel space: the share of generated images inside some real image's
 * k-NN ball, and of real images inside some generated image's ball.</li>
 * <li>With a {@link ScoringClassifier} (a large labelled set with held-out images: Fashion-MNIST),
 * that cached classifier scores instead of one trained here, and {@code fd} is the Fréchet distance
 * between the generated images and all held-out images in its 128 penultimate features, beside
 * {@code fd_real}: the same between as many real training images and the held-out ones, the floor a
 * perfect generator would reach at that sample size. Not Inception's FID.</li>
 * </ul>
 */
final class ImageScores {
    static final int K = 3;
    private final float[] reference;
    private final int refCount, dim;
    private final float[] refRadii;
    private final MultiLayerNetwork classifier;
    private final double classifierAccuracy;
    /** The cached feature extractor (null: the classifier above, trained here) and, with it, the real sets' features. */
    private final ScoringClassifier scoring;
    private final ImageDataset data;
    private FrechetDistance.Moments heldOutMoments;
    private final Map<Integer, Double> realFloor = new java.util.HashMap<>();
    /** classifier_confidence_real, computed on first use (NaN: not yet). */
    private double realConfidence = Double.NaN;

    ImageScores(ImageDataset data, int refCount) {
        this(data, refCount, null);
    }

    ImageScores(ImageDataset data, int refCount, ScoringClassifier scoring) {
        this.data = data;
        this.scoring = scoring;
        this.dim = data.dimension();
        this.refCount = Math.min(refCount, data.size());
        // the first refCount images (IDX files are shuffled; the digits are used whole)
        this.reference = Arrays.copyOf(data.pixels(), this.refCount * dim);
        this.refRadii = kthNeighbourRadii(reference, this.refCount);
        if (scoring != null) {
            classifier = null;
            classifierAccuracy = scoring.testAccuracy();
        } else if (data.labels() != null) {
            classifier = Networks.mlp(new NetworkSpec(List.of(128), "relu", "adam", 1e-3, 0.9, "he", 0), dim, 10, Activation.SOFTMAX,
                    new LossMCXENT(), 12345);
            classifierAccuracy = train(classifier, data);
        } else {
            classifier = null;
            classifierAccuracy = Double.NaN;
        }
    }

    private static double train(MultiLayerNetwork net, ImageDataset data) {
        int n = Math.min(data.size(), 20_000), dim = data.dimension();
        fitShuffled(net, data.pixels(), data.labels(), n, dim, Math.max(3, 40_000 / n), 7);
        INDArray x = Nd4j.create(Arrays.copyOf(data.pixels(), n * dim), new long[] {n, dim}, 'c');
        float[] p = net.output(x, false).data().asFloat();
        int correct = 0;
        for (int i = 0; i < n; i++) if (argmax(p, i * 10, 10) == data.labels()[i]) correct++;
        return correct / (double) n;
    }

    /**
     * Fits a 10-class classifier on the first {@code n} images and labels for {@code epochs} epochs of
     * minibatches of 128 (a partial last one dropped), in an order reshuffled every epoch by an {@link Rng}
     * seeded {@code seed}.
     */
    static void fitShuffled(MultiLayerNetwork net, float[] px, int[] labels, int n, int dim, int epochs, long seed) {
        int batch = 128;
        Rng rng = new Rng(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        float[] x = new float[batch * dim], y = new float[batch * 10];
        for (int e = 0; e < epochs; e++) {
            rng.shuffle(order);
            for (int s = 0; s + batch <= n; s += batch) {
                Arrays.fill(y, 0);
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(px, order[s + b] * dim, x, b * dim, dim);
                    y[b * 10 + labels[order[s + b]]] = 1;
                }
                net.fit(Nd4j.create(x, new long[] {batch, dim}, 'c'), Nd4j.create(y, new long[] {batch, 10}, 'c'));
            }
        }
    }

    private static int argmax(float[] p, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) if (p[off + j] > p[off + best]) best = j;
        return best;
    }

    /** Accuracy of the scoring classifier: on the real images it was trained on, or the cached one's on the held-out images (NaN without labels). */
    double classifierAccuracy() {
        return classifierAccuracy;
    }

    /** @param requested the class each sample was generated for (a conditional GAN), or null */
    Map<String, Double> score(float[] samples, int n, int[] requested) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (classifier != null || scoring != null) {
            float[] p = scoring != null ? scoring.probabilities(samples, n)
                    : classifier.output(Nd4j.create(Arrays.copyOf(samples, n * dim), new long[] {n, dim}, 'c'), false).data().asFloat();
            double conf = 0;
            int[] hist = new int[10];
            int agree = 0;
            for (int i = 0; i < n; i++) {
                int c = argmax(p, i * 10, 10);
                conf += p[i * 10 + c];
                hist[c]++;
                if (requested != null && requested[i] == c) agree++;
            }
            double ent = 0;
            int rarest = n;
            for (int h : hist) {
                if (h > 0) ent -= h / (double) n * Math.log(h / (double) n);
                rarest = Math.min(rarest, h);
            }
            out.put("classifier_confidence", conf / n);
            out.put("classifier_confidence_real", realConfidence());
            out.put("classifier_entropy", ent);
            // the share of the class the classifier reads least often: 0.1 when all ten are equally frequent
            out.put("classifier_min_class_share", rarest / (double) n);
            if (requested != null) out.put("classifier_accuracy", agree / (double) n);
        }
        if (scoring != null) {
            out.put("fd", FrechetDistance.between(moments(samples, n), heldOut()));
            out.put("fd_real", realFloor.computeIfAbsent(n, this::realFloor));
        }
        int m = Math.min(n, 2000);
        float[] gen = Arrays.copyOf(samples, m * dim);
        float[] genRadii = kthNeighbourRadii(gen, m);
        int precise = 0;
        for (int i = 0; i < m; i++) if (insideAnyBall(gen, i, reference, refRadii, refCount)) precise++;
        int recalled = 0;
        for (int j = 0; j < refCount; j++) if (insideAnyBall(reference, j, gen, genRadii, m)) recalled++;
        out.put("knn_precision", precise / (double) m);
        out.put("knn_recall", recalled / (double) refCount);
        return out;
    }

    /** The scoring classifier's mean top-class probability on real images: the held-out ones with a cached scorer, else those it was trained on. */
    private double realConfidence() {
        if (Double.isNaN(realConfidence)) {
            ImageDataset real = scoring != null ? (ImageDataset) data.heldOut() : data;
            int n = scoring != null ? real.size() : Math.min(real.size(), 20_000);
            float[] p = scoring != null ? scoring.probabilities(real.pixels(), n)
                    : classifier.output(Nd4j.create(Arrays.copyOf(real.pixels(), n * dim), new long[] {n, dim}, 'c'), false).data().asFloat();
            double conf = 0;
            for (int i = 0; i < n; i++) conf += p[i * 10 + argmax(p, i * 10, 10)];
            realConfidence = conf / n;
        }
        return realConfidence;
    }

    private FrechetDistance.Moments moments(float[] images, int n) {
        return FrechetDistance.Moments.of(scoring.features(images, n), n, scoring.featureCount());
    }

    private FrechetDistance.Moments heldOut() {
        if (heldOutMoments == null) {
            ImageDataset test = (ImageDataset) data.heldOut();
            heldOutMoments = moments(test.pixels(), test.size());
        }
        return heldOutMoments;
    }

    /** The FD of {@code n} real training images (the last n, so not the k-NN reference) to the held-out set. */
    private double realFloor(int n) {
        int m = Math.min(n, data.size());
        float[] real = Arrays.copyOfRange(data.pixels(), (data.size() - m) * dim, data.size() * dim);
        return FrechetDistance.between(moments(real, m), heldOut());
    }

    private boolean insideAnyBall(float[] a, int i, float[] centres, float[] radii, int count) {
        for (int j = 0; j < count; j++) if (dist2(a, i, centres, j) <= radii[j]) return true;
        return false;
    }

    /** Squared distance from each point to its K-th nearest other point. */
    private float[] kthNeighbourRadii(float[] pts, int count) {
        float[] r = new float[count];
        float[] best = new float[K];
        for (int i = 0; i < count; i++) {
            Arrays.fill(best, Float.POSITIVE_INFINITY);
            for (int j = 0; j < count; j++) {
                if (j == i) continue;
                float d = dist2(pts, i, pts, j);
                if (d < best[K - 1]) {
                    int k = K - 1;
                    while (k > 0 && best[k - 1] > d) {
                        best[k] = best[k - 1];
                        k--;
                    }
                    best[k] = d;
                }
            }
            r[i] = best[K - 1];
        }
        return r;
    }

    private float dist2(float[] a, int i, float[] b, int j) {
        float s = 0;
        int oa = i * dim, ob = j * dim;
        for (int k = 0; k < dim; k++) {
            float d = a[oa + k] - b[ob + k];
            s += d * d;
        }
        return s;
    }
}
