package dev.simlab.driving;

/**
 * The road and its traffic, fixed per env id ({@code highway} and {@code highway-fast} share
 * {@link #HIGHWAY}); spawning is {@link Spawner}'s, the goals and reward terms {@link DrivingEnv}'s.
 */
enum Scenario implements Keyed {
    /** highway-env's straight multi-lane road with random traffic. */
    HIGHWAY("highway"),
    /** A two-lane highway with an on-ramp; ends past {@link DrivingEnv#MERGE_END_X}. */
    MERGE("merge"),
    /** A four-way crossing; ends when the ego arrives at its exit. */
    INTERSECTION("intersection"),
    /** One winding lane, no traffic. */
    LANE_KEEPING("lane-keeping");

    /** Merge: the ego, three cars, the ramp car and the obstacle at the ramp's end. */
    static final int MERGE_VEHICLES = 6;

    private final String key;

    Scenario(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    Road road(DrivingConfig c) {
        return switch (this) {
            case HIGHWAY -> Roads.highway(c.lanes(), c.speedLimit());
            case MERGE -> Roads.merge(c.speedLimit());
            case INTERSECTION -> Roads.intersection(c.speedLimit());
            case LANE_KEEPING -> Roads.winding(c.speedLimit());
        };
    }

    /** Room for the ego and every vehicle the scenario places. */
    int capacity(DrivingConfig c) {
        return this == MERGE ? MERGE_VEHICLES : 1 + c.vehicles();
    }
}
