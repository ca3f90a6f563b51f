package dev.mallkit.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * The root of every Mallkit extension point. Implementations must be stateless and thread-safe:
 * the host calls them concurrently for many stores, each call with its own {@link PluginContext}.
 * Anything a plugin needs to remember goes through {@link PluginContext#store()} or, better, into
 * the decision it returns, which the host records.
 */
public interface MallkitExtension extends ExtensionPoint {

    /**
     * Checks a store's configuration beyond what the plugin's JSON Schema can express (e.g. a
     * template that could exceed a length limit). Called by the host when a merchant enables or
     * reconfigures the plugin, after schema validation passed. Must be pure and fast.
     *
     * @param config the configuration as the merchant sent it, with schema defaults applied
     * @return the problems found; empty when the configuration is acceptable
     */
    default List<ConfigProblem> validate(PluginConfig config) {
        return List.of();
    }
}
