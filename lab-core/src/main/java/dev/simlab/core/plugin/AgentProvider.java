package dev.simlab.core.plugin;

import java.util.List;
import org.pf4j.ExtensionPoint;

/** PF4J extension point: a plugin class annotated {@code @Extension} that lists agents. */
public interface AgentProvider extends ExtensionPoint {
    List<AgentType> agents();
}
