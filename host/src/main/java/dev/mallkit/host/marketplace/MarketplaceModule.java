package dev.mallkit.host.marketplace;

import dev.mallkit.host.HostParts;
import dev.mallkit.host.cluster.DbArtifactStore;
import dev.mallkit.host.cluster.PluginAnnouncer;
import dev.mallkit.host.config.MallkitConfig;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The marketplace on the host: submissions with the automated review, admin approval (sign, publish,
 * install), rejection, yanking and uninstalling, the catalog, the audit log, the storage quota and purge of
 * rejected packages, and the web UI at {@code /}.
 */
public final class MarketplaceModule {
    // half the cores run reviews at most, so hostile submissions in numbers cannot starve the host's requests
    private static final int REVIEW_CONCURRENCY = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final int REVIEW_QUEUE = 32;
    /** How often rejected packages past their retention are looked for; the retention itself is a platform setting. */
    private static final Duration PURGE_PERIOD = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(MarketplaceModule.class);

    private MarketplaceModule() {
    }

    /**
     * Gives the platform its first-party plugin ids (before any route serves), mounts the marketplace routes and
     * the web UI on {@code parts.router()}, and schedules the purge of rejected packages; blocking.
     */
    public static void install(HostParts parts) {
        try {
            int reserved = parts.db().inTransaction(c -> FirstPartyIds.reserve(c, parts.clock().instant()));
            LOG.debug("first-party plugin ids given to the platform: {}", reserved);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reserve the first-party plugin ids: " + e.getMessage(), e);
        }
        AuditLog audit = new AuditLog(parts.clock());
        Reviewer reviewer;
        try {
            reviewer = new Reviewer(parts.config().dataDir().resolve("work/review"), parts.config().privateDirectories(),
                    REVIEW_CONCURRENCY, REVIEW_QUEUE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the review directory", e);
        }
        Path artifacts = parts.config().dataDir().resolve("artifacts");
        PluginAnnouncer announcer = new PluginAnnouncer(parts.vertx(), new DbArtifactStore(parts.db().dataSource()));
        Submissions submissions = new Submissions(parts.db(), parts.catalog(), reviewer, audit, artifacts, parts.clock(), announcer);
        SubmissionStorage storage = new SubmissionStorage(parts.db(), artifacts);
        MarketCatalog catalog = new MarketCatalog(parts.db(), parts.catalog(), parts.mix(), audit, announcer);
        new MarketplaceRoutes(submissions, storage, catalog, audit, parts.db()).mount(parts.router());
        new AccountRoutes(parts.db()).mount(parts.router());
        parts.scheduler().every(PURGE_PERIOD, "marketplace.purge-rejected", () -> storage.purgeRejected(parts.clock().instant()));
        // the UI is static files from the classpath (marketplace module resources): no build step, no CDN;
        // a regex route keeps it off /v1, so API paths never probe the web root
        parts.router().getWithRegex("^/(?!v1/).*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    }
}
