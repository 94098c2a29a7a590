package dev.simlab.gridworld;

/**
 * What one grid cell is, with its symbol in text maps. The reward an agent gets is decided by
 * the cell it lands on (see {@link GridRules}); whether the episode ends is decided here.
 */
public enum Cell {
    /** Open ground ({@code .}, or {@code F} for "frozen" as in FrozenLake maps). */
    FLOOR('.', "floor", false),
    /** Blocks movement: a move into it leaves the agent where it was. */
    WALL('#', "wall", false),
    /** Where every episode starts; open ground otherwise. Exactly one per map. */
    START('S', "start", false),
    /** Terminal; pays {@code goal_reward}. */
    GOAL('G', "goal", true),
    /**
     * Pays {@code cliff_reward} and sends the agent back to the start without ending the
     * episode (Sutton &amp; Barto example 6.6). The agent is never observed on a cliff cell.
     */
    CLIFF('C', "cliff", false),
    /** Terminal; pays {@code hole_reward} (FrozenLake). */
    HOLE('H', "hole", true),
    /** Terminal; pays {@code lava_reward}. */
    LAVA('L', "lava", true),
    /** Open ground on which every move slips, whatever the env's {@code slippery} flag says. */
    ICE('I', "ice", false);

    private final char symbol;
    private final String tag;
    private final boolean terminal;

    Cell(char symbol, String tag, boolean terminal) {
        this.symbol = symbol;
        this.tag = tag;
        this.terminal = terminal;
    }

    /** The character that writes this cell in a text map. */
    public char symbol() {
        return symbol;
    }

    /** The scene tag of this cell's tile ({@code "goal"}, {@code "wall"}…). */
    public String tag() {
        return tag;
    }

    /** Whether landing here ends the episode ({@code terminated}, not {@code truncated}). */
    public boolean terminal() {
        return terminal;
    }

    /** Whether an agent can stand here (everything but walls). */
    public boolean open() {
        return this != WALL;
    }

    /** The cell a map character stands for, or null for an unknown character. */
    public static Cell of(char symbol) {
        if (symbol == 'F') return FLOOR;
        for (Cell c : values()) if (c.symbol == symbol) return c;
        return null;
    }

    /** The valid map characters, space-separated, for error messages and help. */
    public static String validSymbols() {
        return "# S G C H L I . F";
    }
}
