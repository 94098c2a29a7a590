package dev.simlab.gan;

import dev.simlab.core.data.Dataset;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A finite set of grey-level images with pixels scaled to [0, 1], sampled uniformly with
 * replacement: the bundled UCI optical digits (8×8) or MNIST/Fashion-MNIST IDX files.
 * {@link #score} rates generated images with {@link ImageScores}.
 */
final class ImageDataset implements Dataset {
    static final String DIGITS_RESOURCE = "/dev/simlab/gan/optdigits-8x8.csv.gz";

    private final float[] pixels;
    private final int[] labels;
    private final int count, h, w;
    private final int scoreReference;
    private ImageScores scores;
    /** Held-out images (a test set), or null. */
    private ImageDataset heldOut;

    ImageDataset(float[] pixels, int[] labels, int count, int h, int w, int scoreReference) {
        this.pixels = pixels;
        this.labels = labels;
        this.count = count;
        this.h = h;
        this.w = w;
        this.scoreReference = scoreReference;
    }

    /** UCI optical digits, 1,797 images of 8×8 (CC BY 4.0, Alpaydin &amp; Kaynak 1998), bundled as a resource. */
    static ImageDataset digits() {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream in = ImageDataset.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + DIGITS_RESOURCE + " is missing from the gan plugin");
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] c = line.split(",");
                float[] px = new float[64];
                for (int j = 0; j < 64; j++) px[j] = Float.parseFloat(c[j]) / 16f;
                rows.add(px);
                labels.add(Integer.parseInt(c[64].trim()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DIGITS_RESOURCE + ": " + e.getMessage(), e);
        }
        float[] all = new float[rows.size() * 64];
        int[] lab = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * 64, 64);
            lab[i] = labels.get(i);
        }
        return new ImageDataset(all, lab, rows.size(), 8, 8, rows.size());
    }

    /**
     * An IDX image file ({@code train-images-idx3-ubyte}, optionally gzipped) and, when given,
     * its IDX label file; at most {@code limit} images are kept (0: all).
     */
    static ImageDataset idx(String imagesPath, String labelsPath, int limit) {
        Path images = Path.of(imagesPath);
        if (!Files.isRegularFile(images)) throw new ConfigException("", "dataset.path", "no such file: " + imagesPath);
        try (DataInputStream in = open(images)) {
            int magic = in.readInt();
            if (magic != 0x00000803) throw new ConfigException("", "dataset.path", imagesPath + " is not an IDX image file (magic " + Integer.toHexString(magic) + ", expected 803)");
            int n = in.readInt(), rows = in.readInt(), cols = in.readInt();
            if (limit > 0) n = Math.min(n, limit);
            byte[] raw = new byte[n * rows * cols];
            in.readFully(raw);
            float[] px = new float[raw.length];
            for (int i = 0; i < raw.length; i++) px[i] = (raw[i] & 0xff) / 255f;
            int[] labels = null;
            if (labelsPath != null && !labelsPath.isEmpty()) {
                Path lp = Path.of(labelsPath);
                if (!Files.isRegularFile(lp)) throw new ConfigException("", "dataset.labels", "no such file: " + labelsPath);
                try (DataInputStream li = open(lp)) {
                    if (li.readInt() != 0x00000801) throw new ConfigException("", "dataset.labels", labelsPath + " is not an IDX label file");
                    int ln = li.readInt();
                    if (ln < n) throw new ConfigException("", "dataset.labels", "has " + ln + " labels for " + n + " images");
                    labels = new int[n];
                    for (int i = 0; i < n; i++) labels[i] = li.readUnsignedByte();
                }
            }
            return new ImageDataset(px, labels, n, rows, cols, Math.min(n, 2000));
        } catch (IOException e) {
            throw new ConfigException("", "dataset.path", "cannot read " + imagesPath + ": " + e.getMessage());
        }
    }

    /**
     * Fashion-MNIST from a folder holding its four IDX files (Debian's dataset-fashion-mnist installs
     * them in /usr/share/datasets/fashion-mnist): the 60,000 training images with their labels, and
     * the 10,000 test images as {@link #heldOut()}; at most {@code limit} and {@code testLimit} of them (0: all).
     */
    static ImageDataset fashionMnist(String dir, int limit, int testLimit) {
        Path d = Path.of(dir);
        if (!Files.isDirectory(d)) {
            throw new ConfigException("", "dataset.dir", "no such folder: " + dir + " (on Debian: apt-get install dataset-fashion-mnist, which fills "
                    + "/usr/share/datasets/fashion-mnist; elsewhere, a folder with the four files from github.com/zalandoresearch/fashion-mnist)");
        }
        ImageDataset train = idx(file(d, "train-images-idx3-ubyte"), file(d, "train-labels-idx1-ubyte"), limit);
        train.heldOut = idx(file(d, "t10k-images-idx3-ubyte"), file(d, "t10k-labels-idx1-ubyte"), testLimit);
        return train;
    }

    /** {@code name} or {@code name.gz} in {@code dir}. */
    private static String file(Path dir, String name) {
        Path plain = dir.resolve(name), gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) return gz.toString();
        if (Files.isRegularFile(plain)) return plain.toString();
        throw new ConfigException("", "dataset.dir", dir + " has no " + name + ".gz (nor " + name + "): it needs the four Fashion-MNIST IDX files");
    }

    /** This set with {@code test} as its held-out images. */
    ImageDataset withHeldOut(ImageDataset test) {
        if (test.h != h || test.w != w) {
            throw new ConfigException("", "dataset.test_path", "its images are " + test.h + "×" + test.w + ", the training images " + h + "×" + w);
        }
        heldOut = test;
        return this;
    }

    @Override
    public Dataset heldOut() {
        return heldOut;
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        if (p.toString().endsWith(".gz")) in = new GZIPInputStream(in);
        return new DataInputStream(new java.io.BufferedInputStream(in));
    }

    @Override
    public int dimension() {
        return h * w;
    }

    @Override
    public int[] shape() {
        return new int[] {h, w};
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public void sample(Rng rng, int n, float[] out) {
        int d = h * w;
        for (int i = 0; i < n; i++) System.arraycopy(pixels, rng.nextInt(count) * d, out, i * d, d);
    }

    @Override
    public int classes() {
        if (labels == null) return 0;
        int max = 0;
        for (int l : labels) max = Math.max(max, l);
        return max + 1;
    }

    @Override
    public void sample(Rng rng, int n, float[] out, int[] labelsOut) {
        if (labels == null) throw new IllegalStateException("this image set has no labels");
        int d = h * w;
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(count);
            System.arraycopy(pixels, k * d, out, i * d, d);
            labelsOut[i] = labels[k];
        }
    }

    float[] pixels() {
        return pixels;
    }

    int[] labels() {
        return labels;
    }

    @Override
    public Map<String, Double> score(float[] samples, int n) {
        return score(samples, n, null);
    }

    @Override
    public synchronized Map<String, Double> score(float[] samples, int n, int[] requested) {
        if (scores == null) {
            // a large labelled set with labelled held-out images (Fashion-MNIST) is scored by the cached classifier, with the FD
            boolean big = labels != null && count >= 10_000 && heldOut != null && heldOut.labels != null;
            scores = big ? new ImageScores(this, scoreReference, ScoringClassifier.of(this, heldOut)) : new ImageScores(this, scoreReference);
        }
        return scores.score(samples, n, requested);
    }
}
