package dev.mallkit.plugins.livejumpofficialaccount;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.plugins.testing.PluginPackageCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfficialAccountPackageTest {
    private static final String ARTICLE = "https://mp.weixin.qq.com/s/Xa9_k2-LmQ0pR7tZbYc3wA";

    private final PluginPackageCheck check = PluginPackageCheck.of(OfficialAccountJumpProvider.class);

    @Test
    void descriptorDeclaresTheLiveJumpProvider() {
        check.assertFirstParty("live-jump-official-account", "LiveJumpProvider");
    }

    @Test
    void schemaDefaultsAreTheOnesThePluginAppliesItself() {
        var withDefaults = Map.of("articleUrl", ARTICLE, "articleTitle", check.defaultOf("articleTitle"), "labels", check.defaultOf("labels"));

        assertThat(check.schemaErrors(Map.of("articleUrl", ARTICLE))).isEmpty();
        assertThat(OfficialAccount.from(PluginConfig.of(Map.of("articleUrl", ARTICLE)))).isEqualTo(OfficialAccount.from(PluginConfig.of(withDefaults)));
    }

    @Test
    void schemaRequiresAnArticleOrACompleteProfile() {
        assertThat(check.schemaErrors(Map.of("accountId", "gh_0123456789ab", "profileName", "茶山小店"))).isEmpty();
        assertThat(check.schemaErrors(Map.of("accountId", "gh_0123456789ab"))).isNotEmpty();
        assertThat(check.schemaErrors(Map.of("articleTitle", "看看"))).isNotEmpty();
    }
}
