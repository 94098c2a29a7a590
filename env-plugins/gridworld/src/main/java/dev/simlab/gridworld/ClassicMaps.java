package dev.simlab.gridworld;

/** The textbook layouts, written in the map format so they double as examples of it. */
final class ClassicMaps {
    private ClassicMaps() {}

    /** Sutton &amp; Barto example 6.6 and Gymnasium CliffWalking-v0: start state 36, goal 47. */
    static final String CLIFF_WALKING = """
            ............
            ............
            ............
            SCCCCCCCCCCG
            """;

    /** Sutton &amp; Barto example 6.5: start (3, 0), goal (3, 7). */
    static final String WINDY_GRIDWORLD = """
            wind: 0 0 0 1 1 1 2 2 1 0
            ..........
            ..........
            ..........
            S......G..
            ..........
            ..........
            ..........
            """;

    /** Gymnasium FrozenLake-v1 {@code map_name="4x4"}. */
    static final String FROZEN_LAKE_4X4 = """
            SFFF
            FHFH
            FFFH
            HFFG
            """;

    /** Gymnasium FrozenLake-v1 {@code map_name="8x8"}. */
    static final String FROZEN_LAKE_8X8 = """
            SFFFFFFF
            FFFFFFFF
            FFFHFFFF
            FFFFFHFF
            FFFHFFFF
            FHHFFFHF
            FHFFHFHF
            FFFHFFFG
            """;

    /**
     * Sutton, Precup &amp; Singh (1999), figure 2: four 5x5-ish rooms inside an 11x11 interior,
     * joined by hallways at (3, 6), (6, 2), (7, 9) and (10, 6). Start and goal are placed by
     * parameters, so this layout has neither.
     */
    static final String[] FOUR_ROOMS = {
        "#############",
        "#.....#.....#",
        "#.....#.....#",
        "#...........#",
        "#.....#.....#",
        "#.....#.....#",
        "##.####.....#",
        "#.....###.###",
        "#.....#.....#",
        "#.....#.....#",
        "#...........#",
        "#.....#.....#",
        "#############",
    };
}
