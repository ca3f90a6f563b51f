package dev.mallkit.host.cluster;

import dev.mallkit.host.config.MallkitConfig;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster settings as read from the environment, and the Hazelcast configuration built from them. */
class ClusterSettingsTest {

    @Test
    void aLoneHostDefaultsToItselfOnLoopback() {
        ClusterSettings settings = ClusterSettings.from(Map.of());
        assertThat(settings).isEqualTo(new ClusterSettings("mallkit", "127.0.0.1", 5701, java.util.List.of("127.0.0.1:5701")));
    }

    @Test
    void membersAreReadFromACommaSeparatedList() {
        ClusterSettings settings = ClusterSettings.from(Map.of("MALLKIT_CLUSTER_MEMBERS", " host-1:5701, host-2:5701 ,host-3",
                "MALLKIT_CLUSTER_HOST", "host-2", "MALLKIT_CLUSTER_PORT", "5702", "MALLKIT_CLUSTER_NAME", "staging"));
        assertThat(settings.members()).containsExactly("host-1:5701", "host-2:5701", "host-3");
        assertThat(settings.host()).isEqualTo("host-2");
        assertThat(settings.port()).isEqualTo(5702);
        assertThat(settings.name()).isEqualTo("staging");
    }

    @Test
    void malformedSettingsAreRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> ClusterSettings.from(Map.of("MALLKIT_CLUSTER_PORT", "70000")))
                .hasMessageContaining("MALLKIT_CLUSTER_PORT");
        assertThatThrownBy(() -> ClusterSettings.from(Map.of("MALLKIT_CLUSTER_PORT", "x")))
                .hasMessageContaining("MALLKIT_CLUSTER_PORT");
        assertThatThrownBy(() -> ClusterSettings.from(Map.of("MALLKIT_CLUSTER_MEMBERS", "host-1:port")))
                .hasMessageContaining("MALLKIT_CLUSTER_MEMBERS");
    }

    @Test
    void clusterModeRequiresSharedSecretAndSigningKeys() {
        assertThatThrownBy(() -> ClusterSettings.requireSharedKeys(MallkitConfig.from(Map.of())))
                .hasMessageContaining("MALLKIT_SECRET_KEY");
        assertThatThrownBy(() -> ClusterSettings.requireSharedKeys(MallkitConfig.from(Map.of("MALLKIT_SECRET_KEY", "a2V5"))))
                .hasMessageContaining("MALLKIT_SIGNING_KEY");
        ClusterSettings.requireSharedKeys(MallkitConfig.from(Map.of("MALLKIT_SECRET_KEY", "a2V5", "MALLKIT_SIGNING_KEY", "/keys")));
    }

    @Test
    void hazelcastJoinsOverTcpIpOnlyWithoutPhoningHome() {
        Config config = ClusteredVertx.hazelcast(new ClusterSettings("staging", "10.0.0.2", 5702,
                java.util.List.of("10.0.0.1:5701", "10.0.0.2:5702")));
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.1:5701", "10.0.0.2:5702");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5702);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("10.0.0.2:5702");
        assertThat(config.getClusterName()).isEqualTo("staging");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        // the maps Vert.x keeps its subscriptions in come from its default configuration
        assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
    }
}
