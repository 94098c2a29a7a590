package dev.simlab.gridworld;

/**
 * The dynamics and rewards a {@link GridWorld} applies on top of its {@link GridMap}.
 *
 * <p>Rewards: each step pays the reward of the cell the agent lands on, before a cliff sends it
 * back: {@code goalReward} on G, {@code cliffReward} on C, {@code holeReward} on H,
 * {@code lavaReward} on L, {@code stepReward} anywhere else (including bumping into a wall and
 * staying put). A map's {@code reward:} header replaces the reward of its cell. Special-cell
 * rewards replace the step reward, they are not added to it.
 *
 * @param slippery FrozenLake's {@code is_slippery} on every cell: a move goes the intended way with
 *     probability {@code successRate}, else to one of the two perpendicular directions, equally likely
 *     ({@code I} cells slip whatever this says)
 * @param successRate probability that a slippery move goes the intended way (Gymnasium: 1/3)
 * @param actionNoise probability that a move on a non-slippery cell is replaced by one of the other
 *     moving actions, uniformly (Sutton, Precup &amp; Singh's four rooms: 1/3)
 * @param stochasticWind Sutton &amp; Barto exercise 6.10: where a column has wind, its strength is
 *     one less, the same, or one more, each with probability 1/3
 * @param randomStart start each episode on a uniformly chosen open, non-terminal, non-cliff cell
 *     instead of S
 */
public record GridRules(
        double stepReward,
        double goalReward,
        double cliffReward,
        double holeReward,
        double lavaReward,
        boolean slippery,
        double successRate,
        double actionNoise,
        boolean stochasticWind,
        boolean randomStart,
        Moves moves) {

    public GridRules {
        if (!(successRate >= 0 && successRate <= 1)) throw new IllegalArgumentException("successRate must be in [0, 1]: " + successRate);
        if (!(actionNoise >= 0 && actionNoise <= 1)) throw new IllegalArgumentException("actionNoise must be in [0, 1]: " + actionNoise);
        if (moves == null) throw new IllegalArgumentException("moves is required");
    }

    /** Deterministic four-way moves in Sutton &amp; Barto's order, -1 a step, -100 for cliffs, holes and lava. */
    public static GridRules defaults() {
        return new GridRules(-1, -1, -100, -100, -100, false, 1.0 / 3, 0, false, false, Moves.cardinal(Moves.Order.UP_RIGHT_DOWN_LEFT));
    }

    public GridRules withRewards(double step, double goal, double cliff, double hole, double lava) {
        return new GridRules(step, goal, cliff, hole, lava, slippery, successRate, actionNoise, stochasticWind, randomStart, moves);
    }

    public GridRules withSlip(boolean slippery, double successRate) {
        return new GridRules(stepReward, goalReward, cliffReward, holeReward, lavaReward, slippery, successRate, actionNoise, stochasticWind, randomStart, moves);
    }

    public GridRules withActionNoise(double actionNoise) {
        return new GridRules(stepReward, goalReward, cliffReward, holeReward, lavaReward, slippery, successRate, actionNoise, stochasticWind, randomStart, moves);
    }

    public GridRules withStochasticWind(boolean stochasticWind) {
        return new GridRules(stepReward, goalReward, cliffReward, holeReward, lavaReward, slippery, successRate, actionNoise, stochasticWind, randomStart, moves);
    }

    public GridRules withRandomStart(boolean randomStart) {
        return new GridRules(stepReward, goalReward, cliffReward, holeReward, lavaReward, slippery, successRate, actionNoise, stochasticWind, randomStart, moves);
    }

    public GridRules withMoves(Moves moves) {
        return new GridRules(stepReward, goalReward, cliffReward, holeReward, lavaReward, slippery, successRate, actionNoise, stochasticWind, randomStart, moves);
    }

    /** The reward for landing on a cell of this type, before any {@code reward:} override. */
    public double reward(Cell cell) {
        return switch (cell) {
            case GOAL -> goalReward;
            case CLIFF -> cliffReward;
            case HOLE -> holeReward;
            case LAVA -> lavaReward;
            default -> stepReward;
        };
    }
}
