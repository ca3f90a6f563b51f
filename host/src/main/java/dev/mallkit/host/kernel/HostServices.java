package dev.mallkit.host.kernel;

import dev.mallkit.host.config.MallkitConfig;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.guard.GuardedInvoker;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.store.FeatureMix;
import dev.mallkit.host.tenant.Tenants;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * What the kernel gives each module when it starts: the shared parts every domain builds on.
 *
 * @param vertx   the host's Vert.x
 * @param config  the one configuration object; a module reads its section here, never the environment
 * @param db      the database
 * @param tenants merchants, stores and storefront keys, for authorising a route
 * @param mix     each store's resolved feature mix
 * @param catalog the plugin versions loaded on this host
 * @param invoker the guard every plugin call goes through
 * @param points  the extension points this host runs
 * @param clock   the time source
 */
public record HostServices(Vertx vertx, MallkitConfig config, Database db, Tenants tenants, FeatureMix mix,
                           PluginCatalog catalog, GuardedInvoker invoker, ExtensionPoints points, Clock clock) {
}
