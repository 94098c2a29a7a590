package dev.simlab.renderer;

import static org.lwjgl.opengl.GL33C.*;

import java.nio.FloatBuffer;
import org.joml.Matrix4f;
import org.lwjgl.system.MemoryStack;

/** A linked GLSL 3.30 program; compile errors carry the driver's log. */
final class GlProgram implements AutoCloseable {
    final int id;

    GlProgram(String vertex, String fragment) {
        int vs = compile(GL_VERTEX_SHADER, vertex);
        int fs = compile(GL_FRAGMENT_SHADER, fragment);
        id = glCreateProgram();
        glAttachShader(id, vs);
        glAttachShader(id, fs);
        glLinkProgram(id);
        if (glGetProgrami(id, GL_LINK_STATUS) == GL_FALSE) throw new IllegalStateException("shader link: " + glGetProgramInfoLog(id));
        glDeleteShader(vs);
        glDeleteShader(fs);
    }

    private static int compile(int type, String source) {
        int s = glCreateShader(type);
        glShaderSource(s, source);
        glCompileShader(s);
        if (glGetShaderi(s, GL_COMPILE_STATUS) == GL_FALSE) throw new IllegalStateException("shader compile: " + glGetShaderInfoLog(s));
        return s;
    }

    void use() {
        glUseProgram(id);
    }

    int uniform(String name) {
        return glGetUniformLocation(id, name);
    }

    void set(String name, Matrix4f m) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            FloatBuffer fb = stack.mallocFloat(16);
            m.get(fb);
            glUniformMatrix4fv(uniform(name), false, fb);
        }
    }

    void set(String name, float x) {
        glUniform1f(uniform(name), x);
    }

    void set(String name, float x, float y) {
        glUniform2f(uniform(name), x, y);
    }

    void set(String name, float x, float y, float z) {
        glUniform3f(uniform(name), x, y, z);
    }

    void set(String name, int x) {
        glUniform1i(uniform(name), x);
    }

    @Override
    public void close() {
        glDeleteProgram(id);
    }
}
