package dev.simlab.core.scene;

/** A colour with components in [0, 1]. */
public record Rgba(float r, float g, float b, float a) {
    public static Rgba rgb(int hex) {
        return new Rgba(((hex >> 16) & 0xFF) / 255f, ((hex >> 8) & 0xFF) / 255f, (hex & 0xFF) / 255f, 1f);
    }

    /** Linear blend: t = 0 gives this, t = 1 gives other. */
    public Rgba mix(Rgba other, float t) {
        return new Rgba(r + (other.r - r) * t, g + (other.g - g) * t, b + (other.b - b) * t, a + (other.a - a) * t);
    }

    /** Packed 0xRRGGBB, handy for tests comparing with pixels read back. */
    public int toRgb() {
        return (Math.round(r * 255) << 16) | (Math.round(g * 255) << 8) | Math.round(b * 255);
    }
}
