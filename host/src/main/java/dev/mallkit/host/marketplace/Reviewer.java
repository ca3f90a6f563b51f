package dev.mallkit.host.marketplace;

import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.js.JsPluginLoader;
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

/** Runs the marketplace library's review pipeline with what this host knows about owners and releases. */
final class Reviewer {
    private final ReviewPipeline pipeline;
    private final ReviewSettings settings;

    Reviewer(Path tempParent, JsPluginLoader jsLoader) throws IOException {
        Files.createDirectories(tempParent);
        this.settings = ReviewSettings.defaults(Map.of(MallkitApi.VERSION, hostApi()), MallkitApi.VERSION)
                .withTempParent(tempParent)
                .withChecks(List.of(new JsSyntaxCheck(jsLoader)));
        this.pipeline = new ReviewPipeline(settings);
    }

    /** Reviews {@code artifact} for {@code providerId}; blocking (it may run the plugin's conformance kit). */
    ReviewReport review(Connection c, Path artifact, String providerId) throws IOException, SQLException {
        Set<String> owned = new HashSet<>(PluginOwners.ownedBy(c, providerId));
        Optional<PluginDescriptor> descriptor = peek(artifact);
        Optional<String> id = descriptor.map(PluginDescriptor::id);
        Optional<String> last = Optional.empty();
        if (id.isPresent()) {
            // an id nobody owns yet may be claimed by this submission
            if (PluginOwners.owner(c, id.get()).isEmpty()) {
                owned.add(id.get());
            }
            last = lastPublished(c, id.get());
        }
        return pipeline.review(artifact, new ReviewInput(providerId, owned, last, descriptor.map(Reviewer::sampleConfig).orElse(Map.of())));
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
