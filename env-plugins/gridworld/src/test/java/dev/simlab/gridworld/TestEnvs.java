package dev.simlab.gridworld;

import dev.simlab.core.env.Step;
import dev.simlab.core.param.ConfigNode;
import dev.simlab.core.plugin.EnvType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** Builds envs the way a scenario does (text values through the schema) and probes their dynamics. */
final class TestEnvs {
    private TestEnvs() {}

    static EnvType type(String id) {
        return new GridworldProvider().envs().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + id));
    }

    /** @param keyValues alternating key, value as a scenario would write them */
    static GridWorld create(String id, String... keyValues) {
        ConfigNode section = ConfigNode.mapping("test.yaml:1", "env");
        for (int i = 0; i < keyValues.length; i += 2) {
            section.put(keyValues[i], ConfigNode.scalar("test.yaml:" + (i + 2), "env." + keyValues[i], keyValues[i + 1]));
        }
        EnvType type = type(id);
        return (GridWorld) type.factory().create(type.params().validate(section, Set.of("id", "max_episode_steps")));
    }

    /** Runs actions from a fresh reset and returns the undiscounted return; fails if the episode ends early. */
    static double returnOf(GridWorld env, long seed, int... actions) {
        env.reset(seed);
        double total = 0;
        for (int i = 0; i < actions.length; i++) {
            Step s = env.step(actions[i]);
            total += s.reward();
            if (s.done() && i < actions.length - 1) throw new AssertionError("episode ended after " + (i + 1) + " of " + actions.length + " actions");
        }
        return total;
    }

    /**
     * Breadth-first search over the env's dynamics (which must be deterministic) from the start
     * to the nearest goal: the shortest action sequence, or null when no goal is reachable.
     */
    static int[] shortestPathToGoal(GridWorld env) {
        GridMap map = env.map();
        int n = map.size();
        int actions = env.rules().moves().count();
        int[] parent = new int[n];
        int[] via = new int[n];
        Arrays.fill(parent, -2);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        parent[map.start()] = -1;
        queue.add(map.start());
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int a = 0; a < actions; a++) {
                env.placeAgent(s);
                Step step = env.step(a);
                int next = step.state();
                if (parent[next] != -2) continue;
                parent[next] = s;
                via[next] = a;
                if (map.cell(next) == Cell.GOAL) {
                    List<Integer> path = new ArrayList<>();
                    for (int t = next; parent[t] != -1; t = parent[t]) path.add(via[t]);
                    Collections.reverse(path);
                    return path.stream().mapToInt(Integer::intValue).toArray();
                }
                if (!step.terminated()) queue.add(next);
            }
        }
        return null;
    }
}
