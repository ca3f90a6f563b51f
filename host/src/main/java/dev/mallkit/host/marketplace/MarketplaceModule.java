package dev.mallkit.host.marketplace;

import dev.mallkit.host.cluster.DbArtifactStore;
import dev.mallkit.host.cluster.PluginAnnouncer;
import dev.mallkit.host.kernel.HostServices;
import dev.mallkit.host.kernel.Job;
import dev.mallkit.host.kernel.MallkitModule;
import dev.mallkit.host.kernel.ModuleParts;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The marketplace on the host: submissions with the automated review, admin approval (sign, publish,
 * install), rejection, yanking and uninstalling, the catalog, the audit log, the storage quota and purge of
 * rejected packages, and the web UI at {@code /}.
 */
public final class MarketplaceModule implements MallkitModule {
    // half the cores run reviews at most, so hostile submissions in numbers cannot starve the host's requests
    private static final int REVIEW_CONCURRENCY = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final int REVIEW_QUEUE = 32;
    /** How often rejected packages past their retention are looked for; the retention itself is a platform setting. */
    private static final Duration PURGE_PERIOD = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(MarketplaceModule.class);

    @Override
    public String name() {
        return "marketplace";
    }

    /**
     * Gives the platform its first-party plugin ids (before any route serves) and builds the review, the catalog and
     * the routes; blocking.
     */
    @Override
    public ModuleParts start(HostServices host) throws SQLException, IOException {
        int reserved = host.db().inTransaction(c -> FirstPartyIds.reserve(c, host.clock().instant()));
        LOG.debug("first-party plugin ids given to the platform: {}", reserved);
        AuditLog audit = new AuditLog(host.clock());
        Reviewer reviewer = new Reviewer(host.points(), host.config().dataDir().resolve("work/review"), host.config().privateDirectories(),
                REVIEW_CONCURRENCY, REVIEW_QUEUE);
        Path artifacts = host.config().dataDir().resolve("artifacts");
        PluginAnnouncer announcer = new PluginAnnouncer(host.vertx(), new DbArtifactStore(host.db().dataSource()));
        Submissions submissions = new Submissions(host.db(), host.catalog(), reviewer, audit, artifacts, host.clock(), announcer);
        SubmissionStorage storage = new SubmissionStorage(host.db(), artifacts);
        MarketCatalog catalog = new MarketCatalog(host.db(), host.catalog(), host.mix(), audit, announcer);
        return new ModuleParts() {
            @Override
            public void mount(Router router) {
                new MarketplaceRoutes(submissions, storage, catalog, audit, host.db()).mount(router);
                new AccountRoutes(host.db()).mount(router);
                // the UI is static files from the classpath (marketplace module resources): no build step, no CDN;
                // a regex route keeps it off /v1, so API paths never probe the web root
                router.getWithRegex("^/(?!v1/).*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
            }

            @Override
            public List<Job> jobs() {
                return List.of(new Job("marketplace.purge-rejected", PURGE_PERIOD, () -> storage.purgeRejected(host.clock().instant())));
            }
        };
    }
}
