package dev.mallkit.host.store;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plugin version's logger seen from one store: records go to the version's logger
 * ({@code mallkit.plugin.<id>@<version>}) with the store id in front of the message. One logger per
 * version instead of one per (version, store): the logging backend keeps every named logger for the
 * life of the process, and a host with 100,000 stores would otherwise hold a logger per store and plugin.
 *
 * @param delegate the plugin version's logger
 * @param storeId  the store whose calls log through this logger
 */
record StoreTaggedLogger(System.Logger delegate, String storeId) implements System.Logger {
    // one per plugin version ever loaded; the JDK may hand out a new wrapper per getLogger call
    private static final Map<String, System.Logger> VERSIONS = new ConcurrentHashMap<>();

    StoreTaggedLogger {
        requireNonNull(delegate, "delegate is null");
        requireNonNull(storeId, "storeId is null");
    }

    /** @return the logger of {@code pluginId@version} for {@code storeId} */
    static StoreTaggedLogger of(String pluginId, String version, String storeId) {
        return new StoreTaggedLogger(version(pluginId, version), storeId);
    }

    /** @return the logger of {@code pluginId@version}, one instance per version */
    static System.Logger version(String pluginId, String version) {
        return VERSIONS.computeIfAbsent("mallkit.plugin." + pluginId + "@" + version, System::getLogger);
    }

    @Override
    public String getName() {
        return delegate.getName() + "." + storeId;
    }

    @Override
    public boolean isLoggable(Level level) {
        return delegate.isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        delegate.log(level, bundle, tag(message), thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        delegate.log(level, bundle, tag(format), params);
    }

    // store ids are [A-Za-z0-9._:-]: nothing in the tag is special to MessageFormat
    private String tag(String message) {
        return "[store " + storeId + "] " + message;
    }
}
