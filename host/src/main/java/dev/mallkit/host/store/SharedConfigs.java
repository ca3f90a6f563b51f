package dev.mallkit.host.store;

import dev.mallkit.api.PluginConfig;
import java.util.Map;

/**
 * One resident {@link PluginConfig} per distinct configuration value: merchants apply one feature mix to many
 * stores, and each resolved store would otherwise hold its own copy. A {@link WeakInterner} of built configs: the
 * candidate is built first (its compact maps cache their hash, and configs of one plugin share their key arrays,
 * so the comparison is mostly identity checks on interned leaves) and dropped when an equal one lives.
 */
final class SharedConfigs {
    private final WeakInterner<PluginConfig> live;

    SharedConfigs(int capacity) {
        this.live = new WeakInterner<>(capacity);
    }

    /**
     * @param values parsed JSON object
     * @return the live config equal to {@code values}, or a new one, recorded if there is room
     */
    PluginConfig of(Map<String, Object> values) {
        return live.intern(PluginConfig.of(values));
    }

    /** @return how many configs are currently shared (after dropping collected ones) */
    int size() {
        return live.size();
    }
}
