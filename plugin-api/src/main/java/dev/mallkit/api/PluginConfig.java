package dev.mallkit.api;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A store's parsed configuration for one plugin: a JSON object whose values are {@code String},
 * {@code Long}, {@code Double} (never for money), {@code Boolean}, {@code List}, nested {@code Map}
 * or null. Schema defaults have been applied and the object has passed the plugin's JSON Schema.
 * Immutable. Secret fields arrive decrypted.
 *
 * <p>Objects and arrays are held as compact immutable maps and lists (a host keeps one configuration per
 * plugin and store resident): they keep their source's iteration order, accept null values and elements,
 * answer null for an absent or null key, are equal to (and hash as) any {@link Map} or {@link List} of the
 * same content, and throw {@link UnsupportedOperationException} from every mutator.
 */
public final class PluginConfig {
    private static final PluginConfig EMPTY = new PluginConfig(ConfigMap.EMPTY);

    private final Map<String, Object> values;

    private PluginConfig(Map<String, Object> values) {
        this.values = values;
    }

    /** @return an empty configuration */
    public static PluginConfig empty() {
        return EMPTY;
    }

    /** @return a configuration over a deep, immutable copy of {@code values} */
    public static PluginConfig of(Map<String, ?> values) {
        requireNonNull(values, "values is null");
        return new PluginConfig(ConfigMap.copyOf(values));
    }

    /** @return the whole object, immutable */
    public Map<String, Object> asMap() {
        return values;
    }

    /** @return whether the top-level key is present and not null */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** @return the string at {@code key}, or {@code fallback} when absent */
    public String getString(String key, String fallback) {
        Object value = values.get(key);
        return value == null ? fallback : value.toString();
    }

    /** @return the integral number at {@code key}, or {@code fallback} when absent */
    public long getLong(String key, long fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new PluginException(ErrorCategory.USER_ERROR, "CONFIG_INVALID", key + " must be a number");
    }

    /** @return the integral number at {@code key} as an int, or {@code fallback} when absent */
    public int getInt(String key, int fallback) {
        return Math.toIntExact(getLong(key, fallback));
    }

    /** @return the boolean at {@code key}, or {@code fallback} when absent */
    public boolean getBoolean(String key, boolean fallback) {
        Object value = values.get(key);
        return value == null ? fallback : Boolean.parseBoolean(value.toString());
    }

    /** @return the list at {@code key}, or an empty list */
    @SuppressWarnings("unchecked")
    public List<Object> getList(String key) {
        Object value = values.get(key);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** @return the nested object at {@code key} as a configuration, or an empty one */
    @SuppressWarnings("unchecked")
    public PluginConfig getObject(String key) {
        Object value = values.get(key);
        return value instanceof Map<?, ?> map ? new PluginConfig((Map<String, Object>) map) : EMPTY;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PluginConfig config && config.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "PluginConfig" + values;
    }
}
