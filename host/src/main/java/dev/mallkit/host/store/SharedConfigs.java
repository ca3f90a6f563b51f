package dev.mallkit.host.store;

import dev.mallkit.api.PluginConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One resident {@link PluginConfig} per distinct configuration value, and one resident copy of each distinct nested
 * object or array in them: merchants apply one feature mix to many stores, and even stores configured one by one
 * usually differ from each other in a field or two (a title, an id), so most of their nested objects (a product,
 * a tier table) are equal. Both are {@link WeakInterner}s of built values, compared as maps and lists (key order
 * aside): a candidate is built bottom-up (its nested values already shared, so comparisons are mostly identity
 * checks) and dropped when an equal one lives.
 */
final class SharedConfigs {
    private final WeakInterner<PluginConfig> live;
    private final WeakInterner<Object> nested;

    SharedConfigs(int capacity) {
        this.live = new WeakInterner<>(capacity);
        this.nested = new WeakInterner<>(capacity);
    }

    /**
     * @param values parsed JSON object
     * @return the live config equal to {@code values}, or a new one, recorded if there is room
     */
    PluginConfig of(Map<String, Object> values) {
        return live.intern(PluginConfig.of(withSharedChildren(values)));
    }

    /** @return how many configs are currently shared (after dropping collected ones) */
    int size() {
        return live.size();
    }

    /** @return how many nested objects and arrays are currently shared */
    int nestedSize() {
        return nested.size();
    }

    private Map<String, Object> withSharedChildren(Map<?, ?> object) {
        Map<String, Object> out = new LinkedHashMap<>();
        object.forEach((k, v) -> out.put(String.valueOf(k), shared(v)));
        return out;
    }

    private Object shared(Object value) {
        return switch (value) {
            // PluginConfig.of keeps the immutable maps and lists of another config as they are
            case Map<?, ?> object -> nested.intern(PluginConfig.of(withSharedChildren(object)).asMap());
            case List<?> array -> {
                List<Object> out = new ArrayList<>(array.size());
                array.forEach(v -> out.add(shared(v)));
                // the API offers no list factory of its own: a list is built as the only value of a config
                yield nested.intern(PluginConfig.of(Map.of("", out)).getList(""));
            }
            case null, default -> value;
        };
    }
}
