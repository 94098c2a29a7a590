package dev.simlab.core.space;

import dev.simlab.core.rng.Rng;

/** The integers {@code 0 .. n-1}. */
public record Discrete(int n) implements Space {
    public Discrete {
        if (n <= 0) throw new IllegalArgumentException("Discrete(n) needs n > 0, got " + n);
    }

    public boolean contains(int x) {
        return x >= 0 && x < n;
    }

    public int sample(Rng rng) {
        return rng.nextInt(n);
    }

    @Override
    public int flatSize() {
        return 1;
    }

    @Override
    public String describe() {
        return "Discrete(" + n + ")";
    }
}
