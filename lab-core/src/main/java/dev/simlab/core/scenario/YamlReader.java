package dev.simlab.core.scenario;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.ConfigNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML as plain data into {@link ConfigNode}s that remember their line. Only SnakeYAML's
 * composer runs (no constructor), and any explicit tag other than the standard scalar ones is
 * refused, so a scenario file can never instantiate classes.
 */
final class YamlReader {
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);
    /**
     * The largest scenario, in bytes of a file and characters of YAML text. Real scenarios are a
     * few kilobytes; SnakeYAML's scanner slows down sharply on long scalars (a 50 MB one kept it
     * busy for minutes), so anything bigger is refused before it is parsed.
     */
    static final int MAX_SIZE = 1 << 20;

    private YamlReader() {}

    /**
     * A scenario file's text, refused without being parsed when it is over {@link #MAX_SIZE}. Reads
     * at most one byte past the limit, so a huge file (or a device) is never read whole.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file (the caller then tries the built-ins)
     */
    static String readFile(String source, Path path) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_SIZE + 1);
        }
        if (bytes.length > MAX_SIZE) {
            long size = Files.isRegularFile(path) ? Files.size(path) : -1;
            String what = size > 0 ? String.format(Locale.ROOT, "the file is %.1f MiB", size / (double) (1 << 20)) : "the file is over 1 MiB";
            throw new ConfigException(source, "", what + "; a scenario file may be at most 1 MiB");
        }
        // strict decoding, as Files.readString does: bad UTF-8 is an error, not replacement characters
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    static ConfigNode read(String source, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        // the same cap for text that does not come from a file (parse(Reader), --set values)
        options.setCodePointLimit(MAX_SIZE);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        Node root;
        try {
            root = yaml.compose(reader);
        } catch (MarkedYAMLException e) {
            refuseIfOverLimit(source, e);
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? source : source + ":" + (m.getLine() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null && e.getContext().contains("duplicate")) problem = e.getContext() + " " + problem;
            if (problem.contains("tag is not allowed")) {
                throw new ConfigException(where, "", problem.replace("Global tag is not allowed: ", "tag ") + " is not allowed: scenarios are plain data");
            }
            throw new ConfigException(where, "", "malformed YAML: " + problem.replace('\n', ' ').trim());
        } catch (YAMLException e) {
            refuseIfOverLimit(source, e);
            throw new ConfigException(source, "", "malformed YAML: " + e.getMessage());
        }
        if (root == null) throw new ConfigException(source, "", "the file is empty");
        return convert(source, "", root, new HashSet<>());
    }

    /** SnakeYAML's code-point limit, reported as the size limit it is rather than as malformed YAML. */
    private static void refuseIfOverLimit(String source, YAMLException e) {
        if (String.valueOf(e.getMessage()).contains("exceeds the limit")) {
            throw new ConfigException(source, "", "the text is over 1 MiB; a scenario may be at most 1 MiB");
        }
    }

    static ConfigNode scalarFromText(String where, String path, String text) {
        ConfigNode n = read(where, new StringReader(text.isEmpty() ? "''" : text));
        return n.isScalar() ? ConfigNode.scalar(where, path, n.text()) : rewrap(where, path, n);
    }

    private static ConfigNode rewrap(String where, String path, ConfigNode n) {
        if (n.isScalar()) return ConfigNode.scalar(where, path, n.text());
        if (n.isMapping()) {
            ConfigNode m = ConfigNode.mapping(where, path);
            n.entries().forEach((k, v) -> m.put(k, rewrap(where, join(path, k), v)));
            return m;
        }
        ConfigNode s = ConfigNode.sequence(where, path);
        for (int i = 0; i < n.items().size(); i++) s.add(rewrap(where, path + "[" + i + "]", n.items().get(i)));
        return s;
    }

    private static ConfigNode convert(String source, String path, Node node, Set<Node> seen) {
        String where = source + ":" + (node.getStartMark().getLine() + 1);
        if (node.getTag() != null && !PLAIN_TAGS.contains(node.getTag()) && !node.getTag().equals(Tag.MERGE)) {
            throw new ConfigException(where, path, "tag " + node.getTag().getValue() + " is not allowed: scenarios are plain data");
        }
        if (!seen.add(node)) throw new ConfigException(where, path, "recursive YAML aliases are not allowed");
        try {
            if (node instanceof ScalarNode s) {
                return ConfigNode.scalar(where, path, s.getValue());
            }
            if (node instanceof SequenceNode seq) {
                ConfigNode out = ConfigNode.sequence(where, path);
                int i = 0;
                for (Node item : seq.getValue()) out.add(convert(source, path + "[" + i++ + "]", item, seen));
                return out;
            }
            MappingNode map = (MappingNode) node;
            ConfigNode out = ConfigNode.mapping(where, path);
            // SnakeYAML refuses duplicate keys only when it constructs objects, which this reader never
            // lets it do: without this check the last of two equal keys would silently win
            Map<String, Integer> firstLine = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw new ConfigException(where, path, "keys must be plain words");
                }
                int line = k.getStartMark().getLine() + 1;
                Integer first = firstLine.putIfAbsent(k.getValue(), line);
                if (first != null) {
                    throw new ConfigException(source + ":" + line, join(path, k.getValue()), "duplicate key (first at line " + first + ")");
                }
                out.put(k.getValue(), convert(source, join(path, k.getValue()), t.getValueNode(), seen));
            }
            return out;
        } finally {
            seen.remove(node);
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
