package dev.simlab.classiccontrol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gymnasium's recorded transitions, {@code shared/data/gymnasium-reference/NAME.csv} (see
 * shared/data/README.md): columns {@code s0..s(k-1), action, next_s0..next_s(k-1), reward,
 * terminated}, float64 as Gymnasium computed them. The action is the Discrete action's index or,
 * for the continuous envs, the one float32 value of the Box action.
 *
 * <p>Found through the system property {@code simlab.data} (the {@code shared/data} folder),
 * the environment variable {@code SIMLAB_DATA}, or by walking up from the working directory
 * looking for {@code shared/data} beside each ancestor (the checkout sits beside {@code shared/}).
 * A missing folder fails the test: these data are what proves the dynamics match Gymnasium.
 */
final class ReferenceData {
    static final String FOLDER = "gymnasium-reference";

    /** One recorded transition. */
    record Row(double[] state, double action, double[] next, double reward, boolean terminated) {}

    private ReferenceData() {}

    static List<Row> load(String name, int stateSize) {
        Path file = dir().resolve(name + ".csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String[] header = lines.get(0).split(",");
        if (header.length != 2 * stateSize + 3 || !header[stateSize].equals("action")) {
            throw new AssertionError(file + ": unexpected header " + Arrays.toString(header));
        }
        List<Row> rows = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            double[] s = new double[stateSize];
            double[] n = new double[stateSize];
            for (int i = 0; i < stateSize; i++) {
                s[i] = Double.parseDouble(f[i]);
                n[i] = Double.parseDouble(f[stateSize + 1 + i]);
            }
            rows.add(new Row(s, Double.parseDouble(f[stateSize]), n, Double.parseDouble(f[2 * stateSize + 1]),
                    Double.parseDouble(f[2 * stateSize + 2]) != 0));
        }
        return rows;
    }

    static Path dir() {
        List<Path> tried = new ArrayList<>();
        String property = System.getProperty("simlab.data");
        String env = System.getenv("SIMLAB_DATA");
        for (String given : new String[] {property, env}) {
            if (given == null || given.isBlank()) continue;
            Path p = Path.of(given).toAbsolutePath().resolve(FOLDER);
            if (Files.isDirectory(p)) return p;
            tried.add(p);
        }
        for (Path a = Path.of(System.getProperty("user.dir")).toAbsolutePath(); a != null; a = a.getParent()) {
            Path p = a.resolve("shared").resolve("data").resolve(FOLDER);
            if (Files.isDirectory(p)) return p;
            tried.add(p);
        }
        throw new AssertionError("Gymnasium reference data not found: the classic-control tests need shared/data/" + FOLDER
                + " (in CI: ../shared beside the clone). Looked in " + tried
                + ". Point to the shared/data folder with -Dsimlab.data=PATH or SIMLAB_DATA=PATH.");
    }

    /**
     * Lengths of the episodes that ran to termination. Rows follow each other within an episode;
     * an episode the recorder cut off (the next row does not start where this one ended, and it
     * did not terminate) is left out.
     */
    static List<Integer> completedEpisodeLengths(List<Row> rows) {
        List<Integer> lengths = new ArrayList<>();
        int current = 0;
        for (int i = 0; i < rows.size(); i++) {
            current++;
            Row r = rows.get(i);
            if (r.terminated()) {
                lengths.add(current);
                current = 0;
            } else if (i + 1 == rows.size() || !Arrays.equals(rows.get(i + 1).state(), r.next())) {
                current = 0;
            }
        }
        return lengths;
    }
}
