package dev.simlab.driving;

/** A column of the kinematics observation, by highway-env's feature name. */
enum Feature implements Keyed {
    PRESENCE("presence"), X("x"), Y("y"), VX("vx"), VY("vy"), COS_H("cos_h"), SIN_H("sin_h");

    private final String key;

    Feature(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
