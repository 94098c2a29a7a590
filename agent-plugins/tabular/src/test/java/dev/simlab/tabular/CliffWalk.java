package dev.simlab.tabular;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;

/**
 * Sutton &amp; Barto's cliff walking (example 6.6) on a {@code width × height} grid. Start at the
 * bottom-left, goal (terminal) at the bottom-right; the bottom cells between them are a cliff
 * that costs -100 and sends the walker back to the start. Every other step costs -1.
 * The shortest path runs along the cliff edge ({@code width + 1} steps): a risky shortcut for
 * a policy that still explores. State = {@code row * width + column}, row 0 at the top.
 * Actions: 0 up, 1 right, 2 down, 3 left.
 */
final class CliffWalk implements Env {
    private final int width;
    private final int height;
    private final Step step = new Step(0);
    private int row;
    private int column;

    CliffWalk(int width, int height) {
        this.width = width;
        this.height = height;
    }

    int start() {
        return (height - 1) * width;
    }

    @Override
    public Space observationSpace() {
        return new Discrete(width * height);
    }

    @Override
    public Space actionSpace() {
        return new Discrete(4);
    }

    @Override
    public Step reset(long seed) {
        return reset();
    }

    @Override
    public Step reset() {
        row = height - 1;
        column = 0;
        return step.state(start()).start();
    }

    @Override
    public Step step(int action) {
        switch (action) {
            case 0 -> row = Math.max(0, row - 1);
            case 1 -> column = Math.min(width - 1, column + 1);
            case 2 -> row = Math.min(height - 1, row + 1);
            case 3 -> column = Math.max(0, column - 1);
            default -> throw new IllegalArgumentException("action " + action);
        }
        boolean bottom = row == height - 1;
        if (bottom && column > 0 && column < width - 1) {
            row = height - 1;
            column = 0;
            return step.state(start()).outcome(-100, false, false);
        }
        return step.state(row * width + column).outcome(-1, bottom && column == width - 1, false);
    }
}
