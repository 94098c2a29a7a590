package dev.simlab.study;

import dev.simlab.core.run.Json;
import dev.simlab.core.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration of a study, run on the study's seeds into {@code trials/<id>/}.
 *
 * @param number the order the study proposed it in (0, 1, 2…): what determinism is defined on
 * @param id a hash of the resolved scenario and seeds: the same configuration is the same trial,
 *     so re-running a study never runs a finished one again
 * @param scenario the scenario file (or built-in name) the parameters apply to
 * @param params the searched values, in the space's order
 */
public record Trial(int number, String id, String scenario, Map<String, Object> params) {

    /** The {@code --set} overrides that turn the scenario into this trial: the parameters, the study's seeds, one thread per trial. */
    public List<String> overrides(int seeds) {
        List<String> o = new ArrayList<>();
        params.forEach((k, v) -> o.add(k + "=" + yaml(v)));
        o.add("run.runs=" + seeds);
        // a trial's runs go one after the other: the study's workers are the parallelism
        o.add("run.threads=1");
        return o;
    }

    /** A value as YAML flow text, so lists, strings and numbers survive the round trip through --set. */
    static String yaml(Object v) {
        if (v instanceof String s) return Json.line(s);
        return Json.line(v);
    }

    /** The trial id of a resolved scenario: what it computes, not how many threads compute it nor whether it writes TensorBoard files. */
    public static String idOf(Scenario s) {
        Map<String, Object> m = s.resolvedWithout("threads", "tensorboard");
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(String.valueOf(m).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As a JSON Lines record, what a worker or {@code simlab trial} is handed. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", number);
        m.put("id", id);
        m.put("scenario", scenario);
        m.put("params", params);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static Trial fromMap(Map<String, Object> m) {
        return new Trial(((Number) m.get("number")).intValue(), (String) m.get("id"), (String) m.get("scenario"),
                new LinkedHashMap<>((Map<String, Object>) m.get("params")));
    }
}
