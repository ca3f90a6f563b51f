package dev.mallkit.host.marketplace;

import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.guard.CpuPriority;
import dev.mallkit.host.kernel.ExtensionPoints;
import dev.mallkit.host.marketplace.isolation.IsolatedCodeReview;
import dev.mallkit.host.marketplace.isolation.ReviewLimits;
import dev.mallkit.marketplace.archive.ExtractedArchive;
import dev.mallkit.marketplace.archive.SafeExtractor;
import dev.mallkit.marketplace.archive.UnsafeArchiveException;
import dev.mallkit.marketplace.descriptor.DescriptorParser;
import dev.mallkit.marketplace.descriptor.SemanticVersion;
import dev.mallkit.marketplace.review.ReviewInput;
import dev.mallkit.marketplace.review.ReviewPipeline;
import dev.mallkit.marketplace.review.ReviewReport;
import dev.mallkit.marketplace.review.ReviewSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Runs the marketplace library's review pipeline with what this host knows about owners and releases.
 * The code-executing step runs in a confined child process ({@link IsolatedCodeReview}); reviews are queued
 * with bounded concurrency, so hostile submissions in numbers cost review latency, never the host's
 * cores or its database connections. The steps that run in the host (reading the archive, analysing the bytecode)
 * run on review threads at the lowest CPU priority, as the child processes do: a tenant's request comes first.
 */
final class Reviewer {
    private final ReviewPipeline pipeline;
    private final ReviewSettings settings;
    private final ExecutorService running;
    private final Semaphore admitted;

    /**
     * @param points       the extension points the host runs: a package declaring another is refused
     * @param tempParent   where archives are extracted and review inputs are made
     * @param privateRoots the host's private directories, never in reach of the submitted code
     * @param concurrency how many reviews run at once
     * @param queueLength how many more may wait; beyond it a submission is refused with 503
     */
    Reviewer(ExtensionPoints points, Path tempParent, List<Path> privateRoots, int concurrency, int queueLength) throws IOException {
        Files.createDirectories(tempParent);
        ReviewSettings defaults = ReviewSettings.defaults(Map.of(MallkitApi.VERSION, hostApi()), MallkitApi.VERSION, points.types());
        this.settings = defaults.withTempParent(tempParent).withCodeReview(new IsolatedCodeReview(points, tempParent, privateRoots,
                ReviewLimits.defaults(), defaults.budget(), defaults.unloadCycles(), defaults.collectTimeout()));
        this.pipeline = new ReviewPipeline(settings);
        ThreadPoolExecutor threads = new ThreadPoolExecutor(concurrency, concurrency, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                runnable -> Thread.ofPlatform().daemon().name("mallkit-review").unstarted(() -> {
                    // a thread's priority cannot be raised back without a capability: review threads are made for it
                    CpuPriority.lowerCurrentThread();
                    runnable.run();
                }));
        // idle review threads end, so a host that reviews nothing holds none
        threads.allowCoreThreadTimeOut(true);
        this.running = threads;
        this.admitted = new Semaphore(concurrency + queueLength);
    }

    /**
     * Reviews {@code artifact} for {@code providerId}; blocking, for as long as the queue and the review take.
     * A database connection is held only to read the provider's ids and the last release, never while the
     * plugin's code runs.
     */
    ReviewReport review(DataSource db, Path artifact, String providerId) throws IOException, SQLException {
        if (!admitted.tryAcquire()) {
            throw new HostError(ErrorCode.REVIEW_QUEUE_FULL, "too many submissions are waiting for review; try again in a minute");
        }
        try {
            Optional<PluginDescriptor> descriptor = peek(artifact);
            ReviewInput input;
            try (Connection c = db.getConnection()) {
                input = input(c, providerId, descriptor);
            }
            Future<ReviewReport> report = running.submit(() -> pipeline.review(artifact, input));
            try {
                return report.get();
            } catch (InterruptedException e) {
                report.cancel(true);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the review", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(e.getCause());
            }
        } finally {
            admitted.release();
        }
    }

    private static ReviewInput input(Connection c, String providerId, Optional<PluginDescriptor> descriptor) throws SQLException {
        Set<String> owned = new HashSet<>(PluginOwners.ownedBy(c, providerId));
        Optional<String> id = descriptor.map(PluginDescriptor::id);
        Optional<String> last = Optional.empty();
        if (id.isPresent()) {
            // an id nobody owns yet may be claimed by this submission
            if (PluginOwners.owner(c, id.get()).isEmpty()) {
                owned.add(id.get());
            }
            last = lastPublished(c, id.get());
        }
        return new ReviewInput(providerId, owned, last, descriptor.map(Reviewer::sampleConfig).orElse(Map.of()));
    }

    /**
     * The configuration conformance runs with: the schema's first {@code examples} entry, so a schema with
     * required fields that have no default can still be exercised; empty (defaults only) otherwise.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> sampleConfig(PluginDescriptor descriptor) {
        try {
            Object examples = new io.vertx.core.json.JsonObject(descriptor.configSchema()).getValue("examples");
            if (examples instanceof io.vertx.core.json.JsonArray list && !list.isEmpty() && list.getValue(0) instanceof io.vertx.core.json.JsonObject first) {
                // plain maps and lists (not Vert.x wrappers), as a plugin's configuration is
                return Map.copyOf(io.vertx.core.json.Json.decodeValue(first.encode(), Map.class));
            }
        } catch (RuntimeException e) {
            // an unreadable schema is the descriptor check's finding, not ours
        }
        return Map.of();
    }

    /** The descriptor, read through the same safe extraction the review uses; empty when unreadable (the review says why). */
    private Optional<PluginDescriptor> peek(Path artifact) throws IOException {
        try (ExtractedArchive extracted = new SafeExtractor(settings.limits(), settings.tempParent()).extract(artifact)) {
            if (!extracted.hasFile(MallkitApi.DESCRIPTOR_RESOURCE)) {
                return Optional.empty();
            }
            return new DescriptorParser().parse(Files.readAllBytes(extracted.root().resolve(MallkitApi.DESCRIPTOR_RESOURCE)))
                    .descriptor();
        } catch (UnsafeArchiveException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> lastPublished(Connection c, String pluginId) throws SQLException {
        Optional<SemanticVersion> highest = Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM plugin_versions WHERE plugin_id = ?")) {
            ps.setString(1, pluginId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SemanticVersion v = parse(rs.getString(1));
                    if (v != null && (highest.isEmpty() || v.compareTo(highest.get()) > 0)) {
                        highest = Optional.of(v);
                    }
                }
            }
        }
        return highest.map(SemanticVersion::toString);
    }

    private static SemanticVersion parse(String version) {
        try {
            return SemanticVersion.parse(version);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Path hostApi() {
        try {
            return Path.of(MallkitApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the plugin API this host runs", e);
        }
    }
}
