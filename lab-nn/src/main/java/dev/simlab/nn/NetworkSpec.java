package dev.simlab.nn;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Suggest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, declarative description of a multilayer perceptron, optionally with a small
 * convolutional part for images, written in scenarios and turned into a Deeplearning4j network by
 * {@link Networks}, so DQN, GANs and third-party plugins speak one vocabulary:
 * <pre>
 * network:
 *   conv: [32, 64]            # optional, images only: channels per 3×3 stride-2 conv layer (default [] = plain MLP)
 *   hidden: [64, 64]          # units per hidden layer
 *   activation: relu          # relu, leaky_relu, elu, tanh, sigmoid
 *   optimizer: adam           # sgd, momentum, rmsprop, adam
 *   learning_rate: 0.001
 *   momentum: 0.9             # momentum (and rmsprop's decay)
 *   init: he                  # he, xavier, uniform
 *   max_grad_norm: 10         # L2 norm clip per layer, 0 = off
 * </pre>
 *
 * <p>{@code conv} lists the channel counts of the feature maps of an image network, each at half
 * the resolution of the one before (3×3 kernels, stride 2, "same" padding, the spec's
 * activation). A downsampling network ({@link Networks#convClassifier}: a discriminator or a
 * classifier) reads a 1-channel h × w image through conv layers with these channels, then the
 * dense {@code hidden} layers; an upsampling network ({@link Networks#convGenerator}: a generator)
 * runs the dense {@code hidden} layers, a dense layer to {@code conv[0]} maps of
 * h/2<sup>k</sup> × w/2<sup>k</sup> (k = number of entries), then k stride-2 transposed
 * convolutions through {@code conv[1]}, …, {@code conv[k-1]} channels to one h × w channel, with
 * batch normalisation before each hidden activation of the maps (as in DCGAN). Both
 * take and return flat rows of h·w pixels; h and w must be divisible by 2<sup>k</sup>. With
 * {@code conv} empty (the default) a spec is a plain MLP, and {@link #toMap()} leaves the key out,
 * so MLP specs read and write exactly as before the key existed. A conv spec given to
 * {@link Networks#mlp} (e.g. DQN, whose inputs are not images) is rejected.
 */
public record NetworkSpec(List<Integer> hidden, String activation, String optimizer, double learningRate, double momentum,
                          String init, double maxGradNorm, List<Integer> conv) {

    public static final List<String> ACTIVATIONS = List.of("relu", "leaky_relu", "elu", "tanh", "sigmoid");
    public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "rmsprop", "adam");
    public static final List<String> INITS = List.of("he", "xavier", "uniform");
    static final List<String> KEYS = List.of("hidden", "activation", "optimizer", "learning_rate", "momentum", "init", "max_grad_norm", "conv");

    public NetworkSpec {
        hidden = List.copyOf(hidden);
        conv = conv == null ? List.of() : List.copyOf(conv);
    }

    /** A plain MLP spec (no {@code conv}). */
    public NetworkSpec(List<Integer> hidden, String activation, String optimizer, double learningRate, double momentum,
                       String init, double maxGradNorm) {
        this(hidden, activation, optimizer, learningRate, momentum, init, maxGradNorm, List.of());
    }

    /** Whether this spec has convolutional layers (an image network). */
    public boolean isConv() {
        return !conv.isEmpty();
    }

    /** This spec with other conv channels (empty: a plain MLP). */
    public NetworkSpec withConv(List<Integer> channels) {
        return new NetworkSpec(hidden, activation, optimizer, learningRate, momentum, init, maxGradNorm, channels);
    }

    /**
     * The plain-data form, as written in scenarios and in a run's resolved scenario.yaml;
     * {@code conv} only when non-empty, so an MLP's form is unchanged. {@code parse(toMap())} gives this spec back.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!conv.isEmpty()) m.put("conv", conv);
        m.put("hidden", hidden);
        m.put("activation", activation);
        m.put("optimizer", optimizer);
        m.put("learning_rate", learningRate);
        m.put("momentum", momentum);
        m.put("init", init);
        m.put("max_grad_norm", maxGradNorm);
        return m;
    }

    /**
     * Reads a spec from a scenario's plain data (a TREE parameter), filling missing keys from
     * {@code defaults}; {@code key} (e.g. {@code agent.network}) names it in errors.
     */
    public static NetworkSpec parse(Object tree, NetworkSpec defaults, String key) {
        if (tree == null) return defaults;
        if (!(tree instanceof Map<?, ?> map)) throw new ConfigException("", key, "expected a mapping with keys " + String.join(", ", KEYS));
        for (Object k : map.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new ConfigException("", key + "." + k, "unknown key; " + Suggest.choices(String.valueOf(k), KEYS));
            }
        }
        List<Integer> conv = defaults.conv;
        if (map.containsKey("conv")) {
            Object c = map.get("conv");
            if (c == null) {
                conv = List.of();
            } else {
                if (!(c instanceof List<?> list)) throw new ConfigException("", key + ".conv", "expected a list of channel counts, e.g. [32, 64], or [] for none");
                conv = new ArrayList<>();
                for (Object o : list) {
                    int channels = integer(o, key + ".conv");
                    if (channels < 1 || channels > 4096) throw new ConfigException("", key + ".conv", channels + " channels is out of range [1, 4096]");
                    conv.add(channels);
                }
            }
        }
        List<Integer> hidden = defaults.hidden;
        if (map.containsKey("hidden")) {
            Object h = map.get("hidden");
            // a conv net may go straight from its conv layers to its output (or from the noise to its first maps): hidden: []
            if (!(h instanceof List<?> list) || (list.isEmpty() && conv.isEmpty())) {
                throw new ConfigException("", key + ".hidden", "expected a list of layer sizes, e.g. [64, 64] ([] only with conv layers)");
            }
            hidden = new ArrayList<>();
            for (Object o : list) {
                int units = integer(o, key + ".hidden");
                if (units < 1 || units > 65_536) throw new ConfigException("", key + ".hidden", units + " units is out of range [1, 65536]");
                hidden.add(units);
            }
        }
        return new NetworkSpec(hidden,
                choice(map, "activation", ACTIVATIONS, defaults.activation, key),
                choice(map, "optimizer", OPTIMIZERS, defaults.optimizer, key),
                real(map, "learning_rate", defaults.learningRate, 1e-9, 10, key),
                real(map, "momentum", defaults.momentum, 0, 0.99999, key),
                choice(map, "init", INITS, defaults.init, key),
                real(map, "max_grad_norm", defaults.maxGradNorm, 0, 1e9, key),
                conv);
    }

    private static int integer(Object o, String key) {
        try {
            double d = Double.parseDouble(String.valueOf(o));
            if (d != Math.rint(d)) throw new NumberFormatException();
            return (int) d;
        } catch (NumberFormatException e) {
            throw new ConfigException("", key, "'" + o + "' is not an integer");
        }
    }

    private static String choice(Map<?, ?> map, String name, List<String> valid, String fallback, String key) {
        if (!map.containsKey(name)) return fallback;
        String v = String.valueOf(map.get(name));
        if (!valid.contains(v)) throw new ConfigException("", key + "." + name, "'" + v + "' is not valid; " + Suggest.choices(v, valid));
        return v;
    }

    private static double real(Map<?, ?> map, String name, double fallback, double min, double max, String key) {
        if (!map.containsKey(name)) return fallback;
        double v;
        try {
            v = Double.parseDouble(String.valueOf(map.get(name)));
        } catch (NumberFormatException e) {
            throw new ConfigException("", key + "." + name, "'" + map.get(name) + "' is not a number");
        }
        if (!(v >= min && v <= max)) throw new ConfigException("", key + "." + name, v + " is out of range [" + min + ", " + max + "]");
        return v;
    }
}
