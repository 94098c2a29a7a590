package dev.simlab.driving;

import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;

/** The ego's action space, the {@code action} parameter. */
enum ActionKind implements Keyed {
    /** Discrete(5), highway-env's {@code DiscreteMetaAction}. */
    META("meta", MetaAction.LANE_LEFT, MetaAction.IDLE, MetaAction.LANE_RIGHT, MetaAction.FASTER, MetaAction.SLOWER),
    /** Discrete(3), highway-env's {@code ACTIONS_LONGI}. */
    META_LONGITUDINAL("meta-longitudinal", MetaAction.SLOWER, MetaAction.IDLE, MetaAction.FASTER),
    /** Box(2): acceleration and steering in [-1, 1] (highway-env's {@code ContinuousAction}). */
    CONTINUOUS("continuous"),
    /** Box(1): steering only, the speed held. */
    STEERING("steering");

    private final String key;
    /** The meta-action each Discrete action stands for; empty for Box actions. */
    private final MetaAction[] meta;

    ActionKind(String key, MetaAction... meta) {
        this.key = key;
        this.meta = meta;
    }

    @Override
    public String key() {
        return key;
    }

    boolean discrete() {
        return meta.length > 0;
    }

    MetaAction meta(int action) {
        return meta[action];
    }

    Space space() {
        return discrete() ? new Discrete(meta.length) : Box.uniform(-1, 1, this == CONTINUOUS ? 2 : 1);
    }

    VehicleKind egoKind() {
        return discrete() ? VehicleKind.EGO_META : VehicleKind.EGO_CONTINUOUS;
    }
}
