package dev.simlab.renderer;

/**
 * The viewer's GLSL 3.30 programs: one lit and shadowed program for instanced meshes and
 * height fields, a depth-only one for the light's shadow map, the sky, one flat program for points
 * and thin lines, one for textured image quads, one for the 2D overlay (text and panels).
 */
final class Shaders {
    private Shaders() {}

    /**
     * Per vertex: position, normal, colour (white for the shared meshes). Per instance: a model
     * matrix and a colour. Disabled attributes read their generic values, so height fields go
     * through the same program with an identity model matrix and a white instance colour.
     * Lighting is split per vertex into the ambient part (always there) and the sun's direct part
     * (what a shadow takes away); the fragment shader only looks the shadow up.
     */
    static final String LIT_VERTEX = """
            #version 330 core
            layout(location = 0) in vec3 position;
            layout(location = 1) in vec3 normal;
            layout(location = 2) in vec4 vertexColor;
            layout(location = 3) in mat4 model;
            layout(location = 7) in vec4 instanceColor;
            uniform mat4 viewProjection;
            uniform mat4 lightViewProjection;
            uniform vec3 lightDir;
            uniform vec3 eye;
            uniform float fogStart;
            uniform float fogEnd;
            out vec3 vAmbient;
            out vec3 vDirect;
            out vec4 vLightPos;
            out float vFog;
            out float vAlpha;
            void main() {
                vec4 world = model * vec4(position, 1.0);
                vec3 n = normalize(transpose(inverse(mat3(model))) * normal);
                float diffuse = max(dot(n, lightDir), 0.0);
                float back = max(dot(n, -lightDir), 0.0);
                vec4 c = vertexColor * instanceColor;
                vAmbient = c.rgb * (0.58 + 0.08 * back);
                vDirect = c.rgb * (0.40 * diffuse);
                vAlpha = c.a;
                vLightPos = lightViewProjection * world;
                vFog = clamp((distance(world.xyz, eye) - fogStart) / (fogEnd - fogStart), 0.0, 1.0) * 0.85;
                gl_Position = viewProjection * world;
            }
            """;

    /**
     * The shadow test: four hardware-compared taps of the light's depth map (each a bilinear 2 × 2
     * compare on Mesa and GPUs), so shadow edges are soft and a software rasteriser does four
     * texture reads per pixel. Outside the map (and with shadows off) everything is lit. A face
     * pointing straight up in the sun shows about 95% of its colour, so tiles read as their
     * scene colour (tests compare pixels with it); in shadow about 60%.
     */
    static final String LIT_FRAGMENT = """
            #version 330 core
            in vec3 vAmbient;
            in vec3 vDirect;
            in vec4 vLightPos;
            in float vFog;
            in float vAlpha;
            uniform sampler2DShadow shadowMap;
            uniform int shadows;
            uniform float shadowTexel;
            uniform vec3 fogColor;
            out vec4 fragColor;
            void main() {
                float sun = 1.0;
                if (shadows == 1 && vDirect != vec3(0.0)) {
                    vec3 p = vLightPos.xyz / vLightPos.w * 0.5 + 0.5;
                    if (p.x > 0.0 && p.x < 1.0 && p.y > 0.0 && p.y < 1.0 && p.z < 1.0) sun = texture(shadowMap, p);
                }
                fragColor = vec4(mix(vAmbient + vDirect * sun, fogColor, vFog), vAlpha);
            }
            """;

    /** Depth only, from the light: the instanced meshes' positions through the light's matrix. */
    static final String SHADOW_VERTEX = """
            #version 330 core
            layout(location = 0) in vec3 position;
            layout(location = 3) in mat4 model;
            uniform mat4 lightViewProjection;
            void main() {
                gl_Position = lightViewProjection * model * vec4(position, 1.0);
            }
            """;

    static final String SHADOW_FRAGMENT = """
            #version 330 core
            void main() {
            }
            """;

    /**
     * The sky: one full-screen triangle (no vertex buffer) whose pixels look up their view ray
     * and blend from the horizon's haze (also the fog colour, so distant shapes fade into it) to
     * the zenith's blue. Below the horizon it stays the haze.
     */
    static final String SKY_VERTEX = """
            #version 330 core
            uniform vec3 forward;
            uniform vec3 right;
            uniform vec3 up;
            out vec3 vRay;
            void main() {
                vec2 p = vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0);
                vRay = forward + p.x * right + p.y * up; // linear in the screen, so interpolating it is exact
                gl_Position = vec4(p, 1.0, 1.0); // on the far plane: drawn only where nothing is
            }
            """;

    static final String SKY_FRAGMENT = """
            #version 330 core
            in vec3 vRay;
            uniform vec3 horizon;
            uniform vec3 zenith;
            out vec4 fragColor;
            void main() {
                float t = sqrt(clamp(normalize(vRay).y, 0.0, 1.0));
                fragColor = vec4(mix(horizon, zenith, t), 1.0);
            }
            """;

    static final String FLAT_VERTEX = """
            #version 330 core
            layout(location = 0) in vec3 position;
            layout(location = 1) in vec4 color;
            uniform mat4 viewProjection;
            uniform float pointScale;
            uniform float pointSize;
            out vec4 vColor;
            void main() {
                vColor = color;
                gl_Position = viewProjection * vec4(position, 1.0);
                gl_PointSize = max(2.0, pointSize * pointScale / max(gl_Position.w, 0.001));
            }
            """;

    static final String FLAT_FRAGMENT = """
            #version 330 core
            in vec4 vColor;
            uniform int roundPoints;
            out vec4 fragColor;
            void main() {
                if (roundPoints == 1) {
                    vec2 d = gl_PointCoord - vec2(0.5);
                    if (dot(d, d) > 0.25) discard;
                }
                fragColor = vColor;
            }
            """;

    /** Textured quads in the world ({@link dev.simlab.core.scene.Shape.Image}): one greyscale texel per pixel, no filtering. */
    static final String IMAGE_VERTEX = """
            #version 330 core
            layout(location = 0) in vec3 position;
            layout(location = 1) in vec2 uv;
            uniform mat4 viewProjection;
            out vec2 vUv;
            void main() {
                vUv = uv;
                gl_Position = viewProjection * vec4(position, 1.0);
            }
            """;

    static final String IMAGE_FRAGMENT = """
            #version 330 core
            in vec2 vUv;
            uniform sampler2D image;
            out vec4 fragColor;
            void main() {
                float v = clamp(texture(image, vUv).r, 0.0, 1.0);
                fragColor = vec4(v, v, v, 1.0);
            }
            """;

    static final String HUD_VERTEX = """
            #version 330 core
            layout(location = 0) in vec2 position;
            layout(location = 1) in vec2 uv;
            layout(location = 2) in vec4 color;
            uniform vec2 screen;
            out vec2 vUv;
            out vec4 vColor;
            void main() {
                vUv = uv;
                vColor = color;
                gl_Position = vec4(position.x / screen.x * 2.0 - 1.0, 1.0 - position.y / screen.y * 2.0, 0.0, 1.0);
            }
            """;

    static final String HUD_FRAGMENT = """
            #version 330 core
            in vec2 vUv;
            in vec4 vColor;
            uniform sampler2D atlas;
            out vec4 fragColor;
            void main() {
                fragColor = vec4(vColor.rgb, vColor.a * texture(atlas, vUv).r);
            }
            """;

    /** The cached HUD layer's blocks (through {@link #HUD_VERTEX}, colour unused): premultiplied colour from its texture. */
    static final String LAYER_FRAGMENT = """
            #version 330 core
            in vec2 vUv;
            uniform sampler2D layer;
            out vec4 fragColor;
            void main() {
                fragColor = texture(layer, vUv);
            }
            """;
}
