package dev.simlab.gridworld;

import java.util.ArrayList;
import java.util.List;

/**
 * The action set of a grid: which displacement each Discrete action index means. The four
 * cardinal moves come first in one of two orders (Gymnasium's CliffWalking and FrozenLake
 * disagree), then the four diagonals when king's moves are on (Sutton &amp; Barto exercise 6.9:
 * up-right, down-right, down-left, up-left), then an optional last action that does not move.
 */
public final class Moves {
    /** Order of the four cardinal actions 0..3. */
    public enum Order {
        /** 0 up, 1 right, 2 down, 3 left: Gymnasium CliffWalking, Sutton &amp; Barto. */
        UP_RIGHT_DOWN_LEFT("up-right-down-left"),
        /** 0 left, 1 down, 2 right, 3 up: Gymnasium FrozenLake. */
        LEFT_DOWN_RIGHT_UP("left-down-right-up");

        private final String id;

        Order(String id) {
            this.id = id;
        }

        /** The name used by the {@code action_order} parameter. */
        public String id() {
            return id;
        }

        public static Order of(String id) {
            for (Order o : values()) if (o.id.equals(id)) return o;
            throw new IllegalArgumentException("unknown action order '" + id + "'");
        }
    }

    private final int[] dRow;
    private final int[] dCol;
    private final String[] names;
    private final boolean hasStay;

    private Moves(List<int[]> deltas, List<String> names, boolean hasStay) {
        this.dRow = deltas.stream().mapToInt(d -> d[0]).toArray();
        this.dCol = deltas.stream().mapToInt(d -> d[1]).toArray();
        this.names = names.toArray(new String[0]);
        this.hasStay = hasStay;
    }

    /** Four cardinal moves in the given order. */
    public static Moves cardinal(Order order) {
        return of(order, false, false);
    }

    /**
     * @param kingMoves add the four diagonals as actions 4..7
     * @param stay add a last action that does not move (wind still blows)
     */
    public static Moves of(Order order, boolean kingMoves, boolean stay) {
        List<int[]> deltas = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (order == Order.UP_RIGHT_DOWN_LEFT) {
            add(deltas, names, "up", -1, 0);
            add(deltas, names, "right", 0, 1);
            add(deltas, names, "down", 1, 0);
            add(deltas, names, "left", 0, -1);
        } else {
            add(deltas, names, "left", 0, -1);
            add(deltas, names, "down", 1, 0);
            add(deltas, names, "right", 0, 1);
            add(deltas, names, "up", -1, 0);
        }
        if (kingMoves) {
            add(deltas, names, "up-right", -1, 1);
            add(deltas, names, "down-right", 1, 1);
            add(deltas, names, "down-left", 1, -1);
            add(deltas, names, "up-left", -1, -1);
        }
        if (stay) add(deltas, names, "stay", 0, 0);
        return new Moves(deltas, names, stay);
    }

    private static void add(List<int[]> deltas, List<String> names, String name, int dr, int dc) {
        deltas.add(new int[] {dr, dc});
        names.add(name);
    }

    /** Number of actions, the size of the Discrete action space. */
    public int count() {
        return dRow.length;
    }

    /** Number of actions that move (all but the stay action). */
    public int moving() {
        return hasStay ? dRow.length - 1 : dRow.length;
    }

    /** Row change of an action: -1 is up (toward row 0). */
    public int dRow(int action) {
        return dRow[action];
    }

    /** Column change of an action: +1 is right. */
    public int dCol(int action) {
        return dCol[action];
    }

    public String name(int action) {
        return names[action];
    }

    /** The action index with the given name ("up", "down-left", "stay"…). */
    public int action(String name) {
        for (int a = 0; a < names.length; a++) if (names[a].equals(name)) return a;
        throw new IllegalArgumentException("no action '" + name + "' among " + List.of(names));
    }

    public boolean isStay(int action) {
        return hasStay && action == dRow.length - 1;
    }
}
