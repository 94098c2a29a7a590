package dev.simlab.renderer;

/**
 * The viewer's GLSL 3.30 programs: one lit program for instanced meshes and height fields,
 * one flat program for points and thin lines, one for textured image quads, one for the 2D
 * overlay (text and panels).
 */
final class Shaders {
    private Shaders() {}

    /**
     * Per vertex: position, normal, colour (white for the shared meshes). Per instance: a model
     * matrix and a colour. Disabled attributes read their generic values, so height fields go
     * through the same program with an identity model matrix and a white instance colour.
     */
    static final String LIT_VERTEX = """
            #version 330 core
            layout(location = 0) in vec3 position;
            layout(location = 1) in vec3 normal;
            layout(location = 2) in vec4 vertexColor;
            layout(location = 3) in mat4 model;
            layout(location = 7) in vec4 instanceColor;
            uniform mat4 viewProjection;
            uniform vec3 lightDir;
            uniform vec3 eye;
            uniform vec3 fogColor;
            uniform float fogStart;
            uniform float fogEnd;
            out vec4 vColor;
            void main() {
                vec4 world = model * vec4(position, 1.0);
                vec3 n = normalize(transpose(inverse(mat3(model))) * normal);
                float diffuse = max(dot(n, lightDir), 0.0);
                float back = max(dot(n, -lightDir), 0.0);
                float light = 0.58 + 0.40 * diffuse + 0.08 * back;
                vec4 c = vertexColor * instanceColor;
                float fog = clamp((distance(world.xyz, eye) - fogStart) / (fogEnd - fogStart), 0.0, 1.0);
                vColor = vec4(mix(c.rgb * light, fogColor, fog * 0.85), c.a);
                gl_Position = viewProjection * world;
            }
            """;

    /**
     * Lighting is computed per vertex (ambient plus one directional light from above): the
     * shapes are flat-faced boxes, so this looks the same as per-pixel lighting and leaves
     * software rasterisers (llvmpipe under Xvfb) almost nothing to do per pixel. A face pointing
     * straight up gets about 95% of its colour, so tiles read as their scene colour (tests compare
     * pixels with it).
     */
    static final String LIT_FRAGMENT = """
            #version 330 core
            in vec4 vColor;
            out vec4 fragColor;
            void main() {
                fragColor = vColor;
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
}
