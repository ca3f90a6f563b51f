package dev.mallkit.plugins.livejumpwecom;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import dev.mallkit.testkit.TestContext;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class WecomJumpProviderTest {
    private static final String LINK = "https://work.weixin.qq.com/ca/cawcde7f1a4b3a3d0c";
    private static final String TOKEN = "Tk9aZ3x0Qw1e2R7y";
    private static final Map<String, Object> CONTACT = Map.of("configId", "42b34949e138eb6e027c123cba77fad7", "userIds", List.of("zhangsan", "lisi"));

    private final WecomJumpProvider provider = new WecomJumpProvider();

    @Test
    void workedExampleAcquisitionLinkCarriesTheChannel() {
        List<JumpTarget> targets = targets(Map.of("acquisitionLink", LINK, "channelTemplate", "live_{room}_{sharer}"),
                new JumpRequest("r42", "v1", "s9", TOKEN));

        assertThat(targets).singleElement().satisfies(target -> {
            assertThat(target.id()).isEqualTo("wecom-acquisition-link");
            assertThat(target.type()).isEqualTo(JumpTargetType.WECOM_ACQUISITION_LINK);
            assertThat(target.label()).isEqualTo("添加企业微信");
            assertThat(target.labels()).containsExactly("live:wecom-lead");
            assertThat(target.attributes()).containsOnly(
                    entry("url", LINK + "?customer_channel=live_r42_s9"), entry("customerChannel", "live_r42_s9"));
        });
    }

    @Test
    void workedExampleContactWayNamesTheMembers() {
        List<JumpTarget> targets = targets(Map.of("contactWay", CONTACT, "labels", List.of("lead:live")), new JumpRequest("r", "v", null, TOKEN));

        assertThat(targets).singleElement().satisfies(target -> {
            assertThat(target.id()).isEqualTo("wecom-contact");
            assertThat(target.type()).isEqualTo(JumpTargetType.WECOM_CONTACT);
            assertThat(target.labels()).containsExactly("lead:live");
            assertThat(target.attributes()).containsOnly(
                    entry("configId", "42b34949e138eb6e027c123cba77fad7"), entry("userIds", "zhangsan,lisi"));
        });
    }

    @Test
    void bothFormsOfferTheAcquisitionLinkFirst() {
        List<JumpTarget> targets = targets(Map.of("acquisitionLink", LINK, "contactWay", CONTACT), new JumpRequest("r", "v", null, TOKEN));

        assertThat(targets).extracting(JumpTarget::type)
                .containsExactly(JumpTargetType.WECOM_ACQUISITION_LINK, JumpTargetType.WECOM_CONTACT);
        assertThat(targets.getFirst().attributes()).containsEntry("customerChannel", TOKEN);
    }

    @Test
    void channelOfExactly64BytesKeepsTheRawViewerAndOneOverTokenises() {
        Map<String, Object> config = Map.of("acquisitionLink", LINK, "channelTemplate", "c{viewer}");

        assertThat(channel(config, "v".repeat(63))).isEqualTo("c" + "v".repeat(63));
        assertThat(channel(config, "v".repeat(64))).isEqualTo("c" + TOKEN);
    }

    @Test
    void chineseCharactersCountAsThreeBytes() {
        Map<String, Object> config = Map.of("acquisitionLink", LINK, "channelTemplate", "{viewer}");
        String fits = "直".repeat(21) + "a";

        assertThat(channel(config, fits)).isEqualTo(fits);
        assertThat(fits.getBytes(StandardCharsets.UTF_8)).hasSize(64);
        assertThat(channel(config, "直".repeat(22))).isEqualTo(TOKEN);
    }

    @Test
    void urlCarriesTheChannelEncodedAndDecodesBackToIt() {
        List<JumpTarget> targets = targets(Map.of("acquisitionLink", LINK, "channelTemplate", "直播{room} {viewer}"),
                new JumpRequest("间1", "a&b=c", null, TOKEN));
        String url = targets.getFirst().attributes().get("url");
        String query = URI.create(url).getRawQuery();

        assertThat(url).startsWith(LINK + "?customer_channel=%E7%9B%B4%E6%92%AD");
        assertThat(query).doesNotContain("&", " ");
        assertThat(URLDecoder.decode(query.substring("customer_channel=".length()), StandardCharsets.UTF_8))
                .isEqualTo("直播间1 a&b=c")
                .isEqualTo(targets.getFirst().attributes().get("customerChannel"));
    }

    @Test
    void onlyValuesLongerThanTheirShareAreTokenised() {
        // raw it is 71 bytes; 64 minus the two dashes leaves 62 bytes, 20 per value: only the sharer exceeds
        List<JumpTarget> targets = targets(Map.of("acquisitionLink", LINK, "channelTemplate", "{room}-{viewer}-{sharer}"),
                new JumpRequest("直播间", "viewer0001", "s".repeat(50), TOKEN));

        assertThat(targets.getFirst().attributes()).containsEntry("customerChannel", "直播间-viewer0001-" + TOKEN);
    }

    @Test
    void templateThatCanExceed64BytesWithTokensIsRefusedCountingBytes() {
        assertThat(problemPaths(Map.of("acquisitionLink", LINK, "channelTemplate", "a".repeat(48) + "{token}"))).isEmpty();
        assertThat(problemPaths(Map.of("acquisitionLink", LINK, "channelTemplate", "a".repeat(49) + "{token}"))).containsExactly("$.channelTemplate");
        assertThat(problemPaths(Map.of("acquisitionLink", LINK, "channelTemplate", "渠道".repeat(8) + "{viewer}"))).isEmpty();
        assertThat(problemPaths(Map.of("acquisitionLink", LINK, "channelTemplate", "渠道".repeat(8) + "x{viewer}"))).containsExactly("$.channelTemplate");
    }

    @Test
    void templateWithUnknownPlaceholderOrStrayBraceIsRefused() {
        assertThat(problemPaths(Map.of("acquisitionLink", LINK, "channelTemplate", "{openid}"))).containsExactly("$.channelTemplate");
        assertThat(problemPaths(Map.of("acquisitionLink", LINK, "channelTemplate", "{room"))).containsExactly("$.channelTemplate");
    }

    @Test
    void malformedAcquisitionLinkIsRefused() {
        assertThat(problemPaths(Map.of("acquisitionLink", "http://work.weixin.qq.com/ca/cawcde"))).containsExactly("$.acquisitionLink");
        assertThat(problemPaths(Map.of("acquisitionLink", "https://evil.example/ca/cawcde"))).containsExactly("$.acquisitionLink");
        assertThat(problemPaths(Map.of("acquisitionLink", LINK + "?customer_channel=x"))).containsExactly("$.acquisitionLink");
    }

    @Test
    void contactWayWithoutConfigIdOrMembersIsRefused() {
        assertThat(problemPaths(Map.of("contactWay", Map.of("configId", "", "userIds", List.of("zhangsan"))))).containsExactly("$.contactWay.configId");
        assertThat(problemPaths(Map.of("contactWay", Map.of("configId", "abc", "userIds", List.of())))).containsExactly("$.contactWay.userIds");
    }

    @Test
    void configurationWithNeitherFormIsRefused() {
        assertThat(problemPaths(Map.of("title", "加我"))).containsExactly("$");
    }

    @Test
    void invalidConfigurationFailsTheCallAsUserError() {
        var ctx = TestContext.forStore("s1").withConfig(Map.of("acquisitionLink", "nope"));

        assertThatThrownBy(() -> provider.targets(ctx, new JumpRequest("r", "v", null, TOKEN)))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo("CONFIG_INVALID"))
                .hasMessageContaining("$.acquisitionLink");
    }

    private String channel(Map<String, Object> config, String viewer) {
        String channel = targets(config, new JumpRequest("r", viewer, null, TOKEN)).getFirst().attributes().get("customerChannel");
        assertThat(channel.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        return channel;
    }

    private List<JumpTarget> targets(Map<String, Object> config, JumpRequest request) {
        return provider.targets(TestContext.forStore("s1").withConfig(config), request);
    }

    private List<String> problemPaths(Map<String, Object> config) {
        return provider.validate(PluginConfig.of(config)).stream().map(ConfigProblem::path).toList();
    }
}
