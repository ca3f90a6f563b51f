package dev.mallkit.plugins.livejumpwecom;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.plugins.testing.PluginPackageCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WecomPackageTest {
    private static final String LINK = "https://work.weixin.qq.com/ca/cawcde7f1a4b3a3d0c";

    private final PluginPackageCheck check = PluginPackageCheck.of(WecomJumpProvider.class);

    @Test
    void descriptorDeclaresTheLiveJumpProvider() {
        check.assertFirstParty("live-jump-wecom", "LiveJumpProvider");
    }

    @Test
    void schemaDefaultsAreTheOnesThePluginAppliesItself() {
        Map<String, Object> defaults = Map.of("acquisitionLink", LINK, "channelTemplate", check.defaultOf("channelTemplate"),
                "title", check.defaultOf("title"), "labels", check.defaultOf("labels"));

        assertThat(check.schemaErrors(Map.of("acquisitionLink", LINK))).isEmpty();
        assertThat(WecomLead.from(PluginConfig.of(Map.of("acquisitionLink", LINK)))).isEqualTo(WecomLead.from(PluginConfig.of(defaults)));
    }

    @Test
    void schemaRequiresOneFormAndRefusesUnknownOptions() {
        assertThat(check.schemaErrors(Map.of("title", "加我"))).isNotEmpty();
        assertThat(check.schemaErrors(Map.of("contactWay", Map.of("configId", "abc", "userIds", List.of("zhangsan"))))).isEmpty();
        assertThat(check.schemaErrors(Map.of("contactWay", Map.of("configId", "abc", "userIds", List.of("a"), "state", "x")))).isNotEmpty();
    }
}
