package dev.simlab.driving;

/**
 * highway-env's {@code DiscreteMetaAction}s, declared in its index order: {@code ordinal()} is
 * the action number of the {@code meta} action space.
 */
enum MetaAction {
    LANE_LEFT, IDLE, LANE_RIGHT, FASTER, SLOWER;

    boolean changesLane() {
        return this == LANE_LEFT || this == LANE_RIGHT;
    }
}
