package dev.mallkit.plugins.distributionclassic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.plugins.testing.PluginPackageCheck;
import org.junit.jupiter.api.Test;

class DescriptorTest {
    @Test
    void descriptorIsAFirstPartyPackageWhoseDefaultsTheCodeShares() {
        var check = PluginPackageCheck.of(ClassicDistributionScheme.class).assertFirstParty("distribution-classic", "DistributionScheme");
        assertThat(check.descriptor().id()).isEqualTo(System.getProperty("plugin.id"));
        assertThat(check.descriptor().version()).isEqualTo(System.getProperty("plugin.version"));

        PluginConfig defaults = PluginConfig.of(check.defaults());
        assertThat(ClassicConfig.read(defaults)).isEqualTo(ClassicConfig.read(PluginConfig.empty()));
        assertThat(new ClassicDistributionScheme().validate(defaults)).isEmpty();
    }
}
