package dev.mallkit.host.cluster;

import dev.mallkit.host.jobs.Scheduler;
import dev.mallkit.host.kernel.HostServices;
import dev.mallkit.host.plugins.PluginInstaller;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What lets several hosts share one database: plugin changes heard on the event bus (clustered in cluster mode,
 * local otherwise, where the same code keeps working), the artifacts this host holds shared and the ones it lacks
 * fetched, and a {@code cluster} field in /health. Job leases live in the scheduler. Part of the kernel, not a domain.
 */
public final class ClusterSync {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSync.class);

    private ClusterSync() {
    }

    /**
     * Listens for plugin changes, then shares and catches up artifacts in the background.
     *
     * @return the {@code cluster} field of /health
     */
    public static Supplier<Object> start(HostServices host, PluginInstaller installer, Scheduler scheduler) {
        PluginSync sync = new PluginSync(host.db(), new DbArtifactStore(host.db().dataSource()), host.catalog(), installer,
                host.mix(), host.config().pluginsDir());
        sync.listen(host.vertx());
        host.db().offLoop(() -> sync.shareLocal() + " shared, " + sync.catchUp() + " fetched")
                .onSuccess(done -> LOG.info("plugin artifacts: {}", done))
                .onFailure(e -> LOG.warn("plugin artifacts not synchronised: {}", e.toString()));
        return () -> new JsonObject()
                .put("clustered", host.vertx().isClustered())
                .put("members", members(host.vertx()))
                .put("jobHolder", scheduler.holder());
    }

    /** @return how many hosts the cluster has (1 when not clustered) */
    static int members(Vertx vertx) {
        if (vertx.isClustered() && vertx instanceof VertxInternal internal && internal.clusterManager() != null) {
            return internal.clusterManager().getNodes().size();
        }
        return 1;
    }
}
