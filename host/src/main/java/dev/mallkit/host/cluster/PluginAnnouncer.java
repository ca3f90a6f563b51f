package dev.mallkit.host.cluster;

import dev.mallkit.host.store.FeatureMix;
import dev.mallkit.marketplace.signing.Sha256;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import static java.util.Objects.requireNonNull;

/**
 * The sending side of plugin changes, for the code that installs, yanks or uninstalls a version on one host (the
 * marketplace's approval, yank and uninstall): it shares the artifact and tells every host. Blocking: call off the loop.
 */
public final class PluginAnnouncer {
    private final Vertx vertx;
    private final ArtifactStore artifacts;

    public PluginAnnouncer(Vertx vertx, ArtifactStore artifacts) {
        this.vertx = requireNonNull(vertx, "vertx is null");
        this.artifacts = requireNonNull(artifacts, "artifacts is null");
    }

    /**
     * Stores the installed artifact in the shared store, then tells every host to load it. Call it after
     * the version's row (with this hash) is committed, so receivers find what they verify against.
     */
    public void installed(String pluginId, String version, Path artifact) throws IOException, SQLException {
        byte[] bytes = Files.readAllBytes(artifact);
        String sha256 = Sha256.of(bytes);
        artifacts.put(sha256, bytes);
        vertx.eventBus().publish(PluginSync.CHANGED, new PluginChange(pluginId, version, sha256, PluginChange.Action.INSTALLED).toJson());
    }

    /**
     * Tells every host, this one included, a version was yanked (its row already says so): every cached store mix
     * is dropped, then the version is unloaded and its package deleted.
     */
    public void yanked(String pluginId, String version, String sha256) {
        vertx.eventBus().publish(PluginSync.CHANGED, new PluginChange(pluginId, version, sha256, PluginChange.Action.YANKED).toJson());
        // every host's FeatureMix, this one's included, listens here
        vertx.eventBus().publish(FeatureMix.CHANGED, "*");
    }

    /** As {@link #yanked}, for a version an admin uninstalled (no store used it). */
    public void uninstalled(String pluginId, String version, String sha256) {
        vertx.eventBus().publish(PluginSync.CHANGED, new PluginChange(pluginId, version, sha256, PluginChange.Action.UNINSTALLED).toJson());
        vertx.eventBus().publish(FeatureMix.CHANGED, "*");
    }
}
