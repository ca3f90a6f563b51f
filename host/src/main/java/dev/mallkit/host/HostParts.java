package dev.mallkit.host;

import dev.mallkit.host.config.MallkitConfig;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.guard.GuardedInvoker;
import dev.mallkit.host.http.SystemRoutes;
import dev.mallkit.host.jobs.Scheduler;
import dev.mallkit.host.order.OrderEvents;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.store.FeatureMix;
import dev.mallkit.host.tenant.Tenants;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * The shared parts a domain (membership, distribution, live, marketplace) installs itself into: it
 * mounts its routes on {@code router} (already behind authentication for /v1), registers its order
 * effects and scheduled jobs (on {@code scheduler}), and adds metrics or health fields.
 */
public record HostParts(
        Vertx vertx,
        MallkitConfig config,
        Database db,
        Tenants tenants,
        FeatureMix mix,
        OrderEvents orders,
        PluginCatalog catalog,
        GuardedInvoker invoker,
        SystemRoutes system,
        Router router,
        Scheduler scheduler,
        Clock clock) {
}
