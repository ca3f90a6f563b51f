package dev.mallkit.host.marketplace;

import dev.mallkit.host.cluster.DbArtifactStore;
import dev.mallkit.host.cluster.PluginAnnouncer;

import dev.mallkit.host.HostParts;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The marketplace on the host: submissions with the automated review, admin approval (sign, publish,
 * install), rejection, yanking, the catalog, the audit log, and the web UI at {@code /}.
 */
public final class MarketplaceModule {
    private MarketplaceModule() {
    }

    /** Mounts the marketplace routes and the web UI on {@code parts.router()}. */
    public static void install(HostParts parts) {
        AuditLog audit = new AuditLog(parts.clock());
        Reviewer reviewer;
        try {
            reviewer = new Reviewer(parts.config().dataDir().resolve("work/review"), parts.catalog().installer().jsLoader());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the review directory", e);
        }
        Submissions submissions = new Submissions(parts.db(), parts.catalog(), reviewer, audit,
                parts.config().dataDir().resolve("artifacts"), parts.clock(),
                new PluginAnnouncer(parts.vertx(), new DbArtifactStore(parts.db().dataSource())));
        MarketCatalog catalog = new MarketCatalog(parts.db(), parts.catalog(), parts.mix(), audit);
        new MarketplaceRoutes(submissions, catalog, audit, parts.db()).mount(parts.router());
        new AccountRoutes(parts.db()).mount(parts.router());
        // the UI is static files from the classpath (marketplace module resources): no build step, no CDN;
        // a regex route keeps it off /v1, so API paths never probe the web root
        parts.router().getWithRegex("^/(?!v1/).*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    }
}
