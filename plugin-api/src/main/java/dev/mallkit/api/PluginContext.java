package dev.mallkit.api;

import java.time.Clock;

/**
 * What the host hands to every extension call: the store the call is for, that store's
 * configuration of this plugin, a clock, a key-value store scoped to (plugin, store) and a logger.
 * A context is valid for the duration of one call only; do not keep it.
 */
public interface PluginContext {
    /** @return the id of the store this call serves */
    String storeId();

    /** @return the store's configuration of this plugin, schema defaults applied */
    PluginConfig config();

    /** @return the clock to read time from; tests and replays may fix it */
    Clock clock();

    /** @return a key-value store scoped to (this plugin, this store) */
    PluginStore store();

    /** @return a logger whose records are tagged with the plugin id, version and store */
    System.Logger logger();
}
