package dev.mallkit.plugins.membershiptiers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.plugins.testing.PluginPackageCheck;
import org.junit.jupiter.api.Test;

class DescriptorTest {
    @Test
    void descriptorIsAFirstPartyPackageWhoseDefaultsTheCodeShares() {
        var check = PluginPackageCheck.of(MembershipTiersProgram.class).assertFirstParty("membership-tiers", "MembershipProgram");
        assertThat(check.descriptor().id()).isEqualTo(System.getProperty("plugin.id"));
        assertThat(check.descriptor().version()).isEqualTo(System.getProperty("plugin.version"));

        PluginConfig defaults = PluginConfig.of(check.defaults());
        assertThat(TiersConfig.read(defaults)).isEqualTo(TiersConfig.read(PluginConfig.empty()));
        assertThat(new MembershipTiersProgram().validate(defaults)).isEmpty();
    }
}
