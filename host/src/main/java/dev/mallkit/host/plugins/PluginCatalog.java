package dev.mallkit.host.plugins;

import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.runtime.LoadedPlugin;
import dev.mallkit.marketplace.signing.ArtifactSignature;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugin versions this host knows: what the platform published (rows) and what is loaded in this
 * process (objects). Loading and unloading go through the runtimes; this class only keeps the index.
 */
public final class PluginCatalog {
    private final Map<String, LoadedPlugin> loaded = new ConcurrentHashMap<>();
    private final Map<String, String> loadFailures = new ConcurrentHashMap<>();
    private volatile PluginInstaller installer;

    static String key(String id, String version) {
        return id + "@" + version;
    }

    /** Called by the installer that loads into this catalog, so domains holding the catalog can install too. */
    void attach(PluginInstaller installer) {
        this.installer = installer;
    }

    /** @return the installer loading packages into this catalog (the marketplace installs approved versions with it) */
    public PluginInstaller installer() {
        if (installer == null) {
            throw new IllegalStateException("no installer is attached to this catalog");
        }
        return installer;
    }

    /** @return the loaded plugin (id, version), if loaded in this process */
    public Optional<LoadedPlugin> loaded(String id, String version) {
        return Optional.ofNullable(loaded.get(key(id, version)));
    }

    /** @return every loaded plugin */
    public Collection<LoadedPlugin> loaded() {
        return loaded.values();
    }

    /** Records {@code plugin} as loaded. */
    public void register(LoadedPlugin plugin) {
        String key = key(plugin.descriptor().id(), plugin.descriptor().version());
        loadFailures.remove(key);
        LoadedPlugin previous = loaded.put(key, plugin);
        if (previous != null && previous != plugin) {
            previous.close();
        }
    }

    /** Records why (id, version) could not be loaded; shown on the store's feature. */
    public void failed(String id, String version, String reason) {
        loadFailures.put(key(id, version), reason);
    }

    /** @return why (id, version) is not loaded, if known */
    public Optional<String> failure(String id, String version) {
        return Optional.ofNullable(loadFailures.get(key(id, version)));
    }

    /** Unloads (id, version) if loaded. */
    public void unload(String id, String version) {
        LoadedPlugin plugin = loaded.remove(key(id, version));
        if (plugin != null) {
            plugin.close();
        }
    }

    /** Closes every loaded plugin. */
    public void closeAll() {
        for (String key : loaded.keySet()) {
            LoadedPlugin plugin = loaded.remove(key);
            if (plugin != null) {
                plugin.close();
            }
        }
    }

    /** @return the published row of (id, version) */
    public static Optional<PublishedVersion> published(Connection c, String id, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT descriptor, tier, sha256, status, status_reason FROM plugin_versions WHERE plugin_id = ? AND version = ?")) {
            ps.setString(1, id);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                PluginDescriptor descriptor = Descriptors.fromJson(new JsonObject(rs.getString(1)));
                return Optional.of(new PublishedVersion(descriptor, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
    }

    /** Publishes a version and records its artifact as approved. */
    public static void publish(Connection c, PluginDescriptor descriptor, String tier, String sha256, String signature, String approvedBy)
            throws SQLException {
        insertVersion(c, descriptor, tier, sha256, signature);
        approve(c, sha256, descriptor, approvedBy, Timestamp.from(Instant.now()));
    }

    /** Development mode only: makes a local version enable-able without approving its artifact. */
    public static void publishUnreviewed(Connection c, PluginDescriptor descriptor, String tier, String sha256) throws SQLException {
        insertVersion(c, descriptor, tier, sha256, null);
    }

    private static void insertVersion(Connection c, PluginDescriptor descriptor, String tier, String sha256, String signature)
            throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO plugin_versions (plugin_id, version, provider_id, tier, sha256, descriptor, status, signature, published_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 'PUBLISHED', ?, ?)")) {
            ps.setString(1, descriptor.id());
            ps.setString(2, descriptor.version());
            ps.setString(3, descriptor.provider());
            ps.setString(4, tier);
            ps.setString(5, sha256);
            ps.setString(6, Descriptors.toJson(descriptor).encode());
            ps.setString(7, signature);
            ps.setTimestamp(8, now);
            ps.executeUpdate();
        }
    }

    private static void approve(Connection c, String sha256, PluginDescriptor d, String by, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO approved_artifacts (sha256, plugin_id, version, approved_by, approved_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, sha256);
            ps.setString(2, d.id());
            ps.setString(3, d.version());
            ps.setString(4, by);
            ps.setTimestamp(5, now);
            ps.executeUpdate();
        }
    }

    /** @return the platform's recorded signature of (id, version), empty when it was never signed */
    public static Optional<ArtifactSignature> signature(Connection c, String id, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sha256, provider_id, signature FROM plugin_versions WHERE plugin_id = ? AND version = ?")) {
            ps.setString(1, id);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(3) == null) {
                    return Optional.empty();
                }
                return Optional.of(new ArtifactSignature(rs.getString(1).trim(), id, version, rs.getString(2), rs.getString(3)));
            }
        }
    }

    /**
     * @return whether an artifact with this SHA-256 was approved AND a version recording that hash carries
     *         a platform signature that verifies over (sha256, id, version, provider)
     */
    public static boolean trusted(Connection c, String sha256, PlatformSigning signing) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT v.plugin_id, v.version, v.provider_id, v.signature FROM approved_artifacts a "
                        + "JOIN plugin_versions v ON v.sha256 = a.sha256 AND v.plugin_id = a.plugin_id AND v.version = a.version "
                        + "WHERE a.sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(4) != null && signing.signed(
                            new ArtifactSignature(sha256, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /** @return whether an artifact with this SHA-256 was approved by the platform */
    public static boolean approved(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM approved_artifacts WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
