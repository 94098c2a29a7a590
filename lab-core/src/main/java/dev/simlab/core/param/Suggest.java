package dev.simlab.core.param;

import java.util.Collection;

/** "Did you mean" for unknown keys and ids: the closest candidate by edit distance. */
public final class Suggest {
    private Suggest() {}

    /** The candidate nearest to {@code input}, or null when none is reasonably close. */
    public static String nearest(String input, Collection<String> candidates) {
        String plain = normalise(input);
        if (plain.length() >= 4) {
            for (String c : candidates) if (normalise(c).startsWith(plain)) return c;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(input.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, input.length() / 3) ? best : null;
    }

    /** " (did you mean 'x'?) Valid: a, b, c" for error messages. */
    public static String choices(String input, Collection<String> candidates) {
        String near = nearest(input, candidates);
        String valid = "valid: " + String.join(", ", candidates.stream().sorted().toList());
        return near == null ? valid : "did you mean '" + near + "'? " + valid;
    }

    /** Lower case without separators, so "frozen-lake" finds "frozenlake-4x4". */
    private static String normalise(String s) {
        return s.toLowerCase().replace("-", "").replace("_", "").replace(".", "");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
