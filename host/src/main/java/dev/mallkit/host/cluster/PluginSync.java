package dev.mallkit.host.cluster;

import dev.mallkit.host.db.Database;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.plugins.PluginInstaller;
import dev.mallkit.host.plugins.PublishedVersion;
import dev.mallkit.host.store.FeatureMix;
import dev.mallkit.marketplace.signing.Sha256;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of plugin changes, on every host: an installed version is fetched from the shared
 * {@link ArtifactStore} by its hash, checked against the hash the platform published for that version,
 * written to this host's plugins directory and loaded through {@link PluginInstaller#install} (which applies
 * the runtime's own trust checks); a yank or uninstall drops every cached store mix, unloads the version and deletes
 * its package. At start, {@link #catchUp} loads
 * the published versions this host has not got, so a host with an empty data directory serves them all.
 */
public final class PluginSync {
    /** Event-bus address; body: {@link PluginChange#toJson()}. */
    public static final String CHANGED = "mallkit.plugins.changed";
    private static final Logger LOG = LoggerFactory.getLogger(PluginSync.class);

    private final Database db;
    private final ArtifactStore artifacts;
    private final PluginCatalog catalog;
    private final PluginInstaller installer;
    private final FeatureMix mix;
    private final Path pluginsDir;

    public PluginSync(Database db, ArtifactStore artifacts, PluginCatalog catalog, PluginInstaller installer, FeatureMix mix,
                      Path pluginsDir) {
        this.db = db;
        this.artifacts = artifacts;
        this.catalog = catalog;
        this.installer = installer;
        this.mix = mix;
        this.pluginsDir = pluginsDir;
    }

    /** Starts listening on {@link #CHANGED}. */
    public void listen(Vertx vertx) {
        vertx.eventBus().<JsonObject>consumer(CHANGED, message -> {
            PluginChange change;
            try {
                change = PluginChange.fromJson(message.body());
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring {}", e.getMessage());
                return;
            }
            apply(change).onFailure(e -> LOG.warn("plugin change {} not applied: {}", change, e.getMessage()));
        });
    }

    /** Applies one change on this host. */
    public Future<Boolean> apply(PluginChange change) {
        if (change.action() != PluginChange.Action.INSTALLED) {
            // snapshots first, so no store call reaches the version while it unloads
            mix.forget("*");
            return db.offLoop(() -> installer.remove(change.pluginId(), change.version()));
        }
        return db.offLoop(() -> load(change.pluginId(), change.version(), change.sha256()));
    }

    /** A published version whose artifact is in the shared store. */
    private record SharedVersion(String id, String version, String sha256) {
    }

    /** Loads every published version (neither yanked nor uninstalled) whose artifact is shared and not loaded here; blocking. */
    public int catchUp() throws SQLException {
        List<SharedVersion> missing = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT v.plugin_id, v.version, v.sha256 FROM plugin_versions v "
                     + "JOIN plugin_artifacts a ON a.sha256 = v.sha256 WHERE v.status = 'PUBLISHED' ORDER BY v.plugin_id, v.version");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (catalog.loaded(rs.getString(1), rs.getString(2)).isEmpty()) {
                    missing.add(new SharedVersion(rs.getString(1), rs.getString(2), rs.getString(3).trim()));
                }
            }
        }
        int loaded = 0;
        for (SharedVersion v : missing) {
            try {
                loaded += load(v.id(), v.version(), v.sha256()) ? 1 : 0;
            } catch (IOException | RuntimeException e) {
                LOG.warn("{} {} not caught up: {}", v.id(), v.version(), e.getMessage());
            }
        }
        return loaded;
    }

    /**
     * Fetches, verifies, stores and loads (id, version) unless already loaded.
     *
     * @return whether it is loaded now
     */
    boolean load(String id, String version, String sha256) throws SQLException, IOException {
        if (catalog.loaded(id, version).isPresent()) {
            return true;
        }
        PublishedVersion published;
        try (Connection c = db.dataSource().getConnection()) {
            published = PluginCatalog.published(c, id, version)
                    .orElseThrow(() -> new IllegalStateException(id + " " + version + " is not published"));
        }
        if (!published.sha256().trim().equals(sha256)) {
            throw new IllegalStateException(id + " " + version + " was published with another hash than " + sha256);
        }
        byte[] bytes = artifacts.get(sha256)
                .orElseThrow(() -> new IllegalStateException("no shared artifact " + sha256 + " for " + id + " " + version));
        if (!Sha256.of(bytes).equals(sha256)) {
            throw new IllegalStateException("the shared artifact of " + id + " " + version + " does not hash to " + sha256);
        }
        Path file = write(fileName(id, version, published.tier()), bytes);
        boolean loaded = installer.install(file);
        if (loaded) {
            // snapshots built while the version was missing left it out
            mix.forget("*");
        } else {
            LOG.warn("{} {} fetched but not loaded: {}", id, version, catalog.failure(id, version).orElse("unknown reason"));
        }
        return loaded;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Files.createDirectories(pluginsDir);
        Path target = pluginsDir.resolve(name);
        Path partial = Files.createTempFile(pluginsDir, ".incoming-", ".part");
        try {
            Files.write(partial, bytes);
            // readers (installAll at the next start) never see half a file
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** @return the plugins-directory name of a version: the installer's naming, by tier */
    static String fileName(String id, String version, String tier) {
        return PluginInstaller.fileName(id, version, dev.mallkit.host.runtime.LoadedPlugin.Tier.valueOf(tier));
    }

    /**
     * Shares every package in this host's plugins directory that the platform published under its hash
     * (first-party seeds, earlier installs), so hosts started without them fetch them; blocking.
     *
     * @return how many artifacts this call added to the shared store
     */
    public int shareLocal() throws SQLException, IOException {
        if (!Files.isDirectory(pluginsDir)) {
            return 0;
        }
        List<Path> files;
        try (var list = Files.list(pluginsDir)) {
            files = list.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".zip")).sorted().toList();
        }
        int shared = 0;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            String sha256 = Sha256.of(bytes);
            if (published(sha256) && artifacts.get(sha256).isEmpty()) {
                artifacts.put(sha256, bytes);
                shared++;
            }
        }
        return shared;
    }

    private boolean published(String sha256) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM plugin_versions WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
