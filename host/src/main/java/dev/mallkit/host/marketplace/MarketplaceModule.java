package dev.mallkit.host.marketplace;

import dev.mallkit.host.cluster.DbArtifactStore;
import dev.mallkit.host.cluster.PluginAnnouncer;

import dev.mallkit.host.HostParts;
import dev.mallkit.host.config.MallkitConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The marketplace on the host: submissions with the automated review, admin approval (sign, publish,
 * install), rejection, yanking, the catalog, the audit log, and the web UI at {@code /}.
 */
public final class MarketplaceModule {
    // half the cores run reviews at most, so hostile submissions in numbers cannot starve the host's requests
    private static final int REVIEW_CONCURRENCY = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final int REVIEW_QUEUE = 32;

    private MarketplaceModule() {
    }

    /** Mounts the marketplace routes and the web UI on {@code parts.router()}. */
    public static void install(HostParts parts) {
        AuditLog audit = new AuditLog(parts.clock());
        Reviewer reviewer;
        try {
            reviewer = new Reviewer(parts.config().dataDir().resolve("work/review"), privateRoots(parts.config()),
                    REVIEW_CONCURRENCY, REVIEW_QUEUE);
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

    /** The host's private directories: never bound into the review jail. */
    private static List<Path> privateRoots(MallkitConfig config) {
        List<Path> roots = new ArrayList<>(List.of(config.dataDir(), config.pluginsDir()));
        if (config.signingKeyDir() != null) {
            roots.add(config.signingKeyDir());
        }
        return roots;
    }
}
