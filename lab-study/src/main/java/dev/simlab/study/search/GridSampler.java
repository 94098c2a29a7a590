package dev.simlab.study.search;

import dev.simlab.core.param.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cartesian product of the parameters' grid points ({@code values}, or {@code grid_points}
 * evenly spaced points of a range, log-spaced with {@code log}). Trial k gets point k in a fixed
 * order: file order, the last key changing fastest, like nested loops written in the file's order.
 * The history is ignored.
 */
public final class GridSampler implements Sampler {
    private final SearchSpace space;
    private final List<List<Object>> axes;
    private final int size;

    /** @throws ConfigException when a range has no {@code grid_points} or the grid is too large */
    public GridSampler(SearchSpace space) {
        this.space = space;
        List<List<Object>> a = new ArrayList<>();
        long n = 1;
        for (Param p : space.params()) {
            List<Object> points = p.gridPoints(space.where());
            a.add(points);
            n *= points.size();
            if (n > Integer.MAX_VALUE) {
                throw new ConfigException(space.where(), "search.space", "the grid has more than 2^31 points; use random or tpe");
            }
        }
        this.axes = List.copyOf(a);
        this.size = (int) n;
    }

    /** How many points the grid has (1 for an empty space: the one configuration without overrides). */
    public int size() {
        return size;
    }

    /** Point k (0 &le; k &lt; size()). */
    public Map<String, Object> point(int k) {
        if (k < 0 || k >= size) throw new IllegalArgumentException("the grid has " + size + " points; no point " + k);
        Object[] values = new Object[axes.size()];
        int rest = k;
        for (int i = axes.size() - 1; i >= 0; i--) {
            List<Object> axis = axes.get(i);
            values[i] = axis.get(rest % axis.size());
            rest /= axis.size();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) out.put(space.params().get(i).key(), values[i]);
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Map<String, Object> propose(int trialNumber, List<Observation> finished, List<Pending> pending) {
        return point(trialNumber);
    }
}
