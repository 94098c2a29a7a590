package dev.simlab.study.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A trial proposed earlier and still running (or queued): its number and parameters. */
public record Pending(int trialNumber, Map<String, Object> params) {
    public Pending {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
