package dev.simlab.nn;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Suggest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, declarative description of a multilayer perceptron written in scenarios and turned
 * into a Deeplearning4j network by {@link Networks}, so DQN, GANs and third-party plugins speak
 * one vocabulary:
 * <pre>
 * network:
 *   hidden: [64, 64]          # units per hidden layer
 *   activation: relu          # relu, leaky_relu, elu, tanh, sigmoid
 *   optimizer: adam           # sgd, momentum, rmsprop, adam
 *   learning_rate: 0.001
 *   momentum: 0.9             # momentum (and rmsprop's decay)
 *   init: he                  # he, xavier, uniform
 *   max_grad_norm: 10         # L2 norm clip per layer, 0 = off
 * </pre>
 */
public record NetworkSpec(List<Integer> hidden, String activation, String optimizer, double learningRate, double momentum,
                          String init, double maxGradNorm) {

    public static final List<String> ACTIVATIONS = List.of("relu", "leaky_relu", "elu", "tanh", "sigmoid");
    public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "rmsprop", "adam");
    public static final List<String> INITS = List.of("he", "xavier", "uniform");
    static final List<String> KEYS = List.of("hidden", "activation", "optimizer", "learning_rate", "momentum", "init", "max_grad_norm");

    public NetworkSpec {
        hidden = List.copyOf(hidden);
    }

    /** The plain-data form, as written in scenarios and in a run's resolved scenario.yaml. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
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
        List<Integer> hidden = defaults.hidden;
        if (map.containsKey("hidden")) {
            Object h = map.get("hidden");
            if (!(h instanceof List<?> list) || list.isEmpty()) throw new ConfigException("", key + ".hidden", "expected a list of layer sizes, e.g. [64, 64]");
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
                real(map, "max_grad_norm", defaults.maxGradNorm, 0, 1e9, key));
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
