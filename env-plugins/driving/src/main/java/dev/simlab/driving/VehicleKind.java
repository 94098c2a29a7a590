package dev.simlab.driving;

/** What drives a vehicle, i.e. which controls {@link Simulation#act} computes for it. */
enum VehicleKind {
    /** Traffic: IDM car-following and MOBIL lane changes (highway-env {@code IDMVehicle}). */
    IDM,
    /** The ego under meta-actions: a target lane and speed tracked by the controllers (highway-env {@code MDPVehicle}). */
    EGO_META,
    /** The ego under direct acceleration and steering, set by each action and held over the agent step. */
    EGO_CONTINUOUS,
    /** An obstacle (the end of the merge ramp): 2 m × 2 m, never moves. */
    STATIC;

    /** {@link #values()} once, since each call copies the array; indexed by a saved ordinal. */
    static final VehicleKind[] ALL = values();
}
