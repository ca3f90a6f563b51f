package dev.mallkit.plugins.membershippaidcard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.plugins.testing.PluginPackageCheck;
import org.junit.jupiter.api.Test;

class DescriptorTest {
    @Test
    void descriptorIsAFirstPartyPackageWhoseDefaultsTheCodeShares() {
        var check = PluginPackageCheck.of(PaidCardProgram.class).assertFirstParty("membership-paid-card", "MembershipProgram");
        assertThat(check.descriptor().id()).isEqualTo(System.getProperty("plugin.id"));
        assertThat(check.descriptor().version()).isEqualTo(System.getProperty("plugin.version"));

        PluginConfig defaults = PluginConfig.of(check.defaults());
        assertThat(PaidCardConfig.read(defaults)).isEqualTo(PaidCardConfig.read(PluginConfig.empty()));
        assertThat(new PaidCardProgram().validate(defaults)).isEmpty();
    }
}
