package dev.simlab.driving;

/** What the ego observes, the {@code observation} parameter (see {@link Observations}). */
enum ObservationKind implements Keyed {
    KINEMATICS("kinematics"), OCCUPANCY("occupancy"), LIDAR("lidar"), LANE("lane");

    private final String key;

    ObservationKind(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
