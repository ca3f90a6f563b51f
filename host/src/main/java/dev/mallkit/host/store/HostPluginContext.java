package dev.mallkit.host.store;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.PluginStore;
import java.time.Clock;

/** The context a store's calls to one plugin version receive; built once per snapshot. */
record HostPluginContext(String storeId, PluginConfig config, Clock clock, PluginStore store, System.Logger logger)
        implements PluginContext {
}
