package dev.mallkit.host.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Starts a Vert.x instance whose event bus spans every host of the cluster, with Hazelcast as the
 * membership layer: a TCP/IP member list (multicast off), this host's announced address and port, no
 * phone-home, and failure detection in seconds so a killed host leaves the member list quickly.
 */
public final class ClusteredVertx {
    private ClusteredVertx() {
    }

    /** @return a clustered Vert.x, once this host joined (or founded) the cluster */
    public static Future<Vertx> start(ClusterSettings settings, VertxOptions options) {
        EventBusOptions eventBus = new EventBusOptions(options.getEventBusOptions())
                .setHost(settings.host())
                .setClusterPublicHost(settings.host())
                .setPort(0);
        return Vertx.builder()
                .with(new VertxOptions(options).setEventBusOptions(eventBus))
                .withClusterManager(new HazelcastClusterManager(hazelcast(settings)))
                .buildClustered();
    }

    /** @return the Hazelcast configuration of {@code settings}, on top of the maps Vert.x needs */
    static Config hazelcast(ClusterSettings settings) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(settings.name());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // Main's shutdown hook closes Vert.x, which leaves the cluster; Hazelcast's own hook would race it
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(false);
        network.setPublicAddress(settings.host() + ":" + settings.port());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(settings.members()).setConnectionTimeoutSeconds(2);
        return config;
    }
}
