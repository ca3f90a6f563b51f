package dev.mallkit.host.cluster;

import dev.mallkit.host.HostParts;
import dev.mallkit.host.plugins.PluginInstaller;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs what lets several hosts share one database: plugin changes heard on the event bus (clustered in
 * cluster mode, local otherwise, where the same code keeps working), the artifacts this host holds shared
 * and the ones it lacks fetched, and a {@code cluster} field in /health. Job leases live in the scheduler.
 */
public final class ClusterModule {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterModule.class);

    private ClusterModule() {
    }

    /** Listens for plugin changes, then shares and catches up artifacts in the background. */
    public static void install(HostParts parts, PluginInstaller installer) {
        PluginSync sync = new PluginSync(parts.db(), new DbArtifactStore(parts.db().dataSource()), parts.catalog(), installer,
                parts.mix(), parts.config().pluginsDir());
        sync.listen(parts.vertx());
        parts.db().offLoop(() -> sync.shareLocal() + " shared, " + sync.catchUp() + " fetched")
                .onSuccess(done -> LOG.info("plugin artifacts: {}", done))
                .onFailure(e -> LOG.warn("plugin artifacts not synchronised: {}", e.toString()));
        parts.system().addHealth(() -> Map.of("cluster", new JsonObject()
                .put("clustered", parts.vertx().isClustered())
                .put("members", members(parts.vertx()))
                .put("jobHolder", parts.scheduler().holder())));
    }

    /** @return how many hosts the cluster has (1 when not clustered) */
    static int members(Vertx vertx) {
        if (vertx.isClustered() && vertx instanceof VertxInternal internal && internal.clusterManager() != null) {
            return internal.clusterManager().getNodes().size();
        }
        return 1;
    }
}
