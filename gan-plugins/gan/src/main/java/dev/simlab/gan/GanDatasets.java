package dev.simlab.gan;

import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.plugin.DatasetProvider;
import dev.simlab.core.plugin.DatasetType;
import java.util.List;
import org.pf4j.Extension;

/** The datasets GANs train on: 2D mixtures (as in VEEGAN/PacGAN), a spiral, the bundled digits and IDX image files. */
@Extension
public class GanDatasets implements DatasetProvider {
    @Override
    public List<DatasetType> datasets() {
        return List.of(
                new DatasetType("ring8", "8 Gaussians on a circle (radius 1, σ 0.01), as in VEEGAN/PacGAN",
                        ParamSchema.of(Param.integer("modes", 8, 2, 1000, "modes on the circle"),
                                Param.real("radius", 1, 1e-6, 1e6, "radius of the circle"),
                                Param.real("sigma", 0.01, 1e-9, 1e6, "standard deviation around each mode")),
                        p -> GaussianMixture.ring(p.integer("modes"), p.real("radius"), p.real("sigma"))),
                new DatasetType("grid25", "25 Gaussians at {-4,-2,0,2,4}² (σ 0.05), as in PacGAN",
                        ParamSchema.of(Param.integer("side", 5, 2, 100, "modes per side of the square grid"),
                                Param.real("spacing", 2, 1e-6, 1e6, "distance between neighbouring modes"),
                                Param.real("sigma", 0.05, 1e-9, 1e6, "standard deviation around each mode")),
                        p -> GaussianMixture.grid(p.integer("side"), p.real("spacing"), p.real("sigma"))),
                new DatasetType("spiral", "a noisy 2D spiral (a curved manifold; no modes, judged by its scatter plot)",
                        ParamSchema.of(Param.real("turns", 1.5, 0.1, 20, "turns of the spiral"),
                                Param.real("radius", 2, 1e-6, 1e6, "radius of the outer end"),
                                Param.real("noise", 0.03, 0, 1e6, "Gaussian noise added to each coordinate")),
                        p -> new Spiral(p.real("turns"), p.real("radius"), p.real("noise"))),
                new DatasetType("digits", "UCI optical digits: 1,797 handwritten digits, 8×8, pixels in [0, 1] (CC BY 4.0, Alpaydin & Kaynak 1998)",
                        ParamSchema.empty(), p -> ImageDataset.digits()),
                new DatasetType("idx", "MNIST / Fashion-MNIST style IDX image file (optionally .gz), pixels scaled to [0, 1]",
                        ParamSchema.of(Param.string("path", null, "the IDX image file, e.g. train-images-idx3-ubyte.gz"),
                                Param.string("labels", null, "its IDX label file, for the classifier-based score (optional)"),
                                Param.integer("limit", 0, 0, Integer.MAX_VALUE, "keep at most this many images (0: all)"),
                                Param.string("test_path", null, "held-out IDX image file (e.g. t10k-images-idx3-ubyte.gz), for inpainting and super-resolution scores (optional)"),
                                Param.string("test_labels", null, "its IDX label file (optional)"),
                                Param.integer("test_limit", 0, 0, Integer.MAX_VALUE, "keep at most this many held-out images (0: all)")),
                        p -> {
                            if (p.string("path") == null) throw new dev.simlab.core.param.ConfigException("", "dataset.path", "set the IDX image file, e.g. path: data/train-images-idx3-ubyte.gz");
                            ImageDataset train = ImageDataset.idx(p.string("path"), p.string("labels"), p.integer("limit"));
                            if (p.string("test_path") == null) return train;
                            try {
                                return train.withHeldOut(ImageDataset.idx(p.string("test_path"), p.string("test_labels"), p.integer("test_limit")));
                            } catch (dev.simlab.core.param.ConfigException e) {
                                // the loader names dataset.path/labels: here they are the held-out files
                                String key = "dataset.labels".equals(e.key()) ? "dataset.test_labels" : "dataset.test_path";
                                String problem = e.getMessage().startsWith(e.key() + ": ") ? e.getMessage().substring(e.key().length() + 2) : e.getMessage();
                                throw new dev.simlab.core.param.ConfigException("", key, problem);
                            }
                        }),
                new DatasetType("fashion-mnist", "Fashion-MNIST (Xiao et al., 2017): 60,000 training and 10,000 held-out 28×28 images of 10 clothing classes, "
                        + "pixels in [0, 1]; read from Debian's dataset-fashion-mnist",
                        ParamSchema.of(Param.string("dir", "/usr/share/datasets/fashion-mnist", "folder with the four IDX files (train-/t10k-, images/labels, .gz or not)"),
                                Param.integer("limit", 0, 0, 60_000, "keep at most this many training images (0: all 60,000)"),
                                Param.integer("test_limit", 0, 0, 10_000, "keep at most this many held-out images (0: all 10,000)")),
                        p -> ImageDataset.fashionMnist(p.string("dir"), p.integer("limit"), p.integer("test_limit"))));
    }
}
