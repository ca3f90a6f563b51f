package dev.mallkit.host.store;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.PluginStore;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The context a store's calls to one plugin version receive; built once per snapshot and resident for as long
 * as the store's snapshot is cached. The key-value store and the store-tagged logger are two-field views made
 * on each call rather than held: a host keeps a context per store and plugin, and holding them would cost two
 * objects each.
 *
 * @param versionLogger the plugin version's logger, shared by every store
 */
record HostPluginContext(String storeId, String pluginId, PluginConfig config, Clock clock, DataSource dataSource,
                         System.Logger versionLogger) implements PluginContext {

    @Override
    public PluginStore store() {
        return new DbPluginStore(dataSource, pluginId, storeId);
    }

    @Override
    public System.Logger logger() {
        return new StoreTaggedLogger(versionLogger, storeId);
    }
}
