package dev.simlab.tabular;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;

/**
 * A 1-D corridor of {@code length} cells: start at cell 0, the rightmost cell is terminal.
 * Actions: 0 = left (a wall at cell 0), 1 = right. Every step costs -1, so the optimal policy
 * walks right and takes {@code length - 1} steps.
 */
final class Corridor implements Env {
    static final int LEFT = 0;
    static final int RIGHT = 1;

    private final int length;
    private final Step step = new Step(0);
    private int position;

    Corridor(int length) {
        this.length = length;
    }

    @Override
    public Space observationSpace() {
        return new Discrete(length);
    }

    @Override
    public Space actionSpace() {
        return new Discrete(2);
    }

    @Override
    public Step reset(long seed) {
        return reset();
    }

    @Override
    public Step reset() {
        position = 0;
        return step.state(position).start();
    }

    @Override
    public Step step(int action) {
        position = action == RIGHT ? position + 1 : Math.max(0, position - 1);
        return step.state(position).outcome(-1, position == length - 1, false);
    }
}
