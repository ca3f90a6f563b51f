package dev.mallkit.host.store;

import dev.mallkit.host.runtime.LoadedPlugin;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The time budget of one call into a plugin, by tier: sandboxed JavaScript in a worker process gets more than
 * in-process Java ({@code MALLKIT_PLUGIN_BUDGET_MS}, {@code MALLKIT_JS_BUDGET_MS}).
 */
public record CallBudgets(Duration java, Duration javascript) {
    public CallBudgets {
        requireNonNull(java, "java is null");
        requireNonNull(javascript, "javascript is null");
    }

    /** @return the budget of a call into {@code plugin} */
    public Duration of(LoadedPlugin plugin) {
        return plugin.tier() == LoadedPlugin.Tier.JAVASCRIPT ? javascript : java;
    }
}
