package dev.simlab.core.param;

/**
 * Bad input from a scenario file, a {@code --set} option or a parameter: the message names where
 * (file and line, or the option), the key, what is wrong and what would be valid. The CLI prints
 * it in one line and exits with status 2.
 */
public class ConfigException extends RuntimeException {
    private final String where;
    private final String key;

    public ConfigException(String where, String key, String problem) {
        super(format(where, key, problem));
        this.where = where;
        this.key = key;
    }

    private static String format(String where, String key, String problem) {
        StringBuilder sb = new StringBuilder();
        if (where != null && !where.isEmpty()) sb.append(where).append(": ");
        if (key != null && !key.isEmpty()) sb.append(key).append(": ");
        return sb.append(problem).toString();
    }

    /**
     * This error placed in a scenario file: a plugin building itself from parameters knows the key
     * but not the file. Placed on the {@code --set key=value} instead when the key's value came
     * from that option (see {@link Origins}). Unchanged when it already names where;
     * {@code defaultKey} when it names no key.
     */
    public ConfigException in(String file, String defaultKey) {
        if (where != null && !where.isEmpty()) return this;
        String k = key == null || key.isEmpty() ? defaultKey : key;
        String problem = key != null && getMessage().startsWith(key + ": ") ? getMessage().substring(key.length() + 2) : getMessage();
        String elsewhere = Origins.outsideFile(file, k);
        return new ConfigException(elsewhere != null ? elsewhere : file, k, problem);
    }

    public String where() {
        return where;
    }

    public String key() {
        return key;
    }
}
