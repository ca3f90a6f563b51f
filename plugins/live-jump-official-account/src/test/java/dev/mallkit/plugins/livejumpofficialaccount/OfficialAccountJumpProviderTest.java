package dev.mallkit.plugins.livejumpofficialaccount;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import dev.mallkit.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class OfficialAccountJumpProviderTest {
    private static final String ARTICLE = "https://mp.weixin.qq.com/s/Xa9_k2-LmQ0pR7tZbYc3wA";
    private static final JumpRequest REQUEST = new JumpRequest("room42", "viewer7", null, "T0k3n");

    private final OfficialAccountJumpProvider provider = new OfficialAccountJumpProvider();

    @Test
    void workedExampleArticle() {
        List<JumpTarget> targets = targets(Map.of("articleUrl", ARTICLE, "articleTitle", "直播福利说明"));

        assertThat(targets).singleElement().satisfies(target -> {
            assertThat(target.id()).isEqualTo("official-account-article");
            assertThat(target.type()).isEqualTo(JumpTargetType.OFFICIAL_ACCOUNT_ARTICLE);
            assertThat(target.label()).isEqualTo("直播福利说明");
            assertThat(target.attributes()).containsOnly(entry("url", ARTICLE));
            assertThat(target.labels()).containsExactly("live:official-account");
        });
    }

    @Test
    void workedExampleProfile() {
        List<JumpTarget> targets = targets(Map.of("accountId", "gh_0123456789ab", "profileName", "茶山小店", "labels", List.of("oa:follow")));

        assertThat(targets).singleElement().satisfies(target -> {
            assertThat(target.id()).isEqualTo("official-account-profile");
            assertThat(target.type()).isEqualTo(JumpTargetType.OFFICIAL_ACCOUNT_PROFILE);
            assertThat(target.label()).isEqualTo("关注茶山小店");
            assertThat(target.attributes()).containsOnly(entry("accountId", "gh_0123456789ab"), entry("profileName", "茶山小店"));
            assertThat(target.labels()).containsExactly("oa:follow");
        });
    }

    @Test
    void bothFormsOfferTheArticleFirst() {
        assertThat(targets(Map.of("articleUrl", ARTICLE, "accountId", "gh_0123456789ab", "profileName", "茶山小店")))
                .extracting(JumpTarget::type)
                .containsExactly(JumpTargetType.OFFICIAL_ACCOUNT_ARTICLE, JumpTargetType.OFFICIAL_ACCOUNT_PROFILE);
    }

    @Test
    void articleUrlOutsideMpWeixinIsRefused() {
        assertThat(problemPaths(Map.of("articleUrl", "http://mp.weixin.qq.com/s/abc"))).containsExactly("$.articleUrl");
        assertThat(problemPaths(Map.of("articleUrl", "https://mp.weixin.qq.com.evil.cn/s/abc"))).containsExactly("$.articleUrl");
        assertThat(problemPaths(Map.of("articleUrl", "https://mp.weixin.qq.com/mp/profile"))).containsExactly("$.articleUrl");
        assertThat(problemPaths(Map.of("articleUrl", ARTICLE, "articleTitle", " "))).containsExactly("$.articleTitle");
    }

    @Test
    void profileNeedsAWellFormedAccountIdAndAName() {
        assertThat(problemPaths(Map.of("accountId", "gh_0123456789AB", "profileName", "店"))).containsExactly("$.accountId");
        assertThat(problemPaths(Map.of("accountId", "gh_0123456789abc", "profileName", "店"))).containsExactly("$.accountId");
        assertThat(problemPaths(Map.of("profileName", "店"))).containsExactly("$.accountId");
        assertThat(problemPaths(Map.of("accountId", "gh_0123456789ab"))).containsExactly("$.profileName");
    }

    @Test
    void configurationWithNeitherFormIsRefused() {
        assertThat(problemPaths(Map.of("articleTitle", "看看"))).containsExactly("$");
    }

    @Test
    void invalidConfigurationFailsTheCallAsUserError() {
        var ctx = TestContext.forStore("s1").withConfig(Map.of("articleUrl", "https://example.com/s/1"));

        assertThatThrownBy(() -> provider.targets(ctx, REQUEST))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo("CONFIG_INVALID"))
                .hasMessageContaining("$.articleUrl");
    }

    private List<JumpTarget> targets(Map<String, Object> config) {
        return provider.targets(TestContext.forStore("s1").withConfig(config), REQUEST);
    }

    private List<String> problemPaths(Map<String, Object> config) {
        return provider.validate(PluginConfig.of(config)).stream().map(ConfigProblem::path).toList();
    }
}
