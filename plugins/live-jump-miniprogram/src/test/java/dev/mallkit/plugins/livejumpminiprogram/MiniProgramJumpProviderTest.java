package dev.mallkit.plugins.livejumpminiprogram;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class MiniProgramJumpProviderTest {
    private static final String APPID = "wx0123456789abcdef";
    private static final String TOKEN = "Tk9aZ3x0Qw1e2R7y";

    private final MiniProgramJumpProvider provider = new MiniProgramJumpProvider();

    @Test
    void workedExampleOffersPageWithSchemeAndUrlLink() {
        JumpTarget target = target(Map.of("labels", List.of("live:spring-sale")), new JumpRequest("room42", "o_viewer7", "m_sharer3", "T0k3n"));

        assertThat(target.id()).isEqualTo("mini-program-page");
        assertThat(target.type()).isEqualTo(JumpTargetType.MINI_PROGRAM_PAGE);
        assertThat(target.label()).isEqualTo("进入小程序");
        assertThat(target.labels()).containsExactly("live:spring-sale");
        assertThat(target.attributes()).containsOnly(
                entry("appid", APPID),
                entry("path", "pages/live/landing"),
                entry("query", "room=room42&viewer=o_viewer7&sharer=m_sharer3&t=T0k3n"),
                entry("urlScheme", "weixin://dl/business/?appid=" + APPID + "&path=pages%2Flive%2Flanding"
                        + "&query=room%3Droom42%26viewer%3Do_viewer7%26sharer%3Dm_sharer3%26t%3DT0k3n"),
                entry("urlLink.path", "pages/live/landing"),
                entry("urlLink.query", "room=room42&viewer=o_viewer7&sharer=m_sharer3&t=T0k3n"),
                entry("urlLink.expireIntervalDays", "30"));
    }

    @Test
    void idsWithReservedCharactersAreEncodedSoTheyCannotAddParameters() {
        JumpTarget target = target(Map.of(), new JumpRequest("r 1", "a&admin=1", null, TOKEN));

        assertThat(target.attributes().get("query")).isEqualTo("room=r%201&viewer=a%26admin%3D1&sharer=&t=" + TOKEN);
        assertThat(params(target.attributes().get("query"))).containsOnly(
                entry("room", "r 1"), entry("viewer", "a&admin=1"), entry("sharer", ""), entry("t", TOKEN));
    }

    @Test
    void schemeQueryDecodesToTheRenderedQuery() {
        JumpTarget target = target(Map.of(), new JumpRequest("直播间", "viewer/1?x", "s", TOKEN));
        Map<String, String> scheme = params(URI.create(target.attributes().get("urlScheme")).getRawQuery());

        assertThat(target.attributes().get("urlScheme")).startsWith("weixin://dl/business/?appid=");
        assertThat(scheme).containsOnly(
                entry("appid", APPID), entry("path", "pages/live/landing"), entry("query", target.attributes().get("query")));
        assertThat(params(scheme.get("query"))).containsEntry("room", "直播间").containsEntry("viewer", "viewer/1?x");
    }

    @Test
    void schemeQueryOfExactly512CharactersKeepsTheRawViewer() {
        String viewer = "v".repeat(510);
        JumpTarget target = target(Map.of("queryTemplate", "v={viewer}"), new JumpRequest("r", viewer, null, TOKEN));

        assertThat(target.attributes().get("query")).hasSize(512).isEqualTo("v=" + viewer);
    }

    @Test
    void schemeQueryOneOver512TokenisesTheViewerWhileTheUrlLinkKeepsIt() {
        String viewer = "v".repeat(511);
        JumpTarget target = target(Map.of("queryTemplate", "v={viewer}"), new JumpRequest("r", viewer, null, TOKEN));

        assertThat(target.attributes().get("query")).isEqualTo("v=" + TOKEN);
        assertThat(target.attributes().get("urlLink.query")).isEqualTo("v=" + viewer);
    }

    @Test
    void urlLinkQueryOfExactly1024CharactersKeepsTheRawViewerAndOneOverTokenises() {
        Map<String, Object> config = Map.of("queryTemplate", "v={viewer}");

        assertThat(target(config, new JumpRequest("r", "v".repeat(1022), null, TOKEN)).attributes().get("urlLink.query"))
                .hasSize(1024).isEqualTo("v=" + "v".repeat(1022));
        assertThat(target(config, new JumpRequest("r", "v".repeat(1023), null, TOKEN)).attributes().get("urlLink.query"))
                .isEqualTo("v=" + TOKEN);
    }

    @Test
    void onlyValuesLongerThanTheirShareAreTokenised() {
        // raw, the query is 536 characters; 512 minus the literal "r=&v=&s=" (8) and the token
        // leaves 488 for three raw values, 162 each: only the sharer exceeds its share
        String sharer = "s".repeat(500);
        JumpTarget target = target(Map.of("queryTemplate", "r={room}&v={viewer}&s={sharer}{token}"),
                new JumpRequest("room1", "viewer1", sharer, TOKEN));

        assertThat(target.attributes().get("query")).isEqualTo("r=room1&v=viewer1&s=" + TOKEN + TOKEN);
        assertThat(target.attributes().get("urlLink.query")).isEqualTo("r=room1&v=viewer1&s=" + sharer + TOKEN);
    }

    @Test
    void encodedLengthDecidesTokenisation() {
        // each Chinese character is 9 characters once percent-encoded: 57 of them (513) no longer fit
        JumpTarget fits = target(Map.of("queryTemplate", "v={viewer}", "urlLinkExpiryDays", 7),
                new JumpRequest("r", "中".repeat(56) + "abcdef", null, TOKEN));
        JumpTarget over = target(Map.of("queryTemplate", "v={viewer}"), new JumpRequest("r", "中".repeat(57), null, TOKEN));

        assertThat(fits.attributes().get("query")).hasSize(512);
        assertThat(params(fits.attributes().get("query"))).containsEntry("v", "中".repeat(56) + "abcdef");
        assertThat(fits.attributes()).containsEntry("urlLink.expireIntervalDays", "7");
        assertThat(over.attributes().get("query")).isEqualTo("v=" + TOKEN);
    }

    @Test
    void validConfigurationWithDefaultsHasNoProblems() {
        assertThat(provider.validate(PluginConfig.of(config(Map.of())))).isEmpty();
    }

    @Test
    void malformedAppidIsRefused() {
        assertThat(problemPaths(Map.of("appid", "wx0123456789ABCDEF"))).containsExactly("$.appid");
        assertThat(problemPaths(Map.of("appid", "wx0123456789abcde"))).containsExactly("$.appid");
    }

    @Test
    void pathWithLeadingSlashOrForbiddenCharactersIsRefused() {
        assertThat(problemPaths(Map.of("path", "/pages/index"))).containsExactly("$.path");
        assertThat(problemPaths(Map.of("path", "pages/index?x=1"))).containsExactly("$.path");
        assertThat(problemPaths(Map.of("path", "pages/首页"))).containsExactly("$.path");
    }

    @Test
    void templateWithUnknownPlaceholderOrForbiddenCharactersIsRefused() {
        assertThat(problemPaths(Map.of("queryTemplate", "u={user}"))).containsExactly("$.queryTemplate");
        assertThat(problemPaths(Map.of("queryTemplate", "v={viewer"))).containsExactly("$.queryTemplate");
        assertThat(problemPaths(Map.of("queryTemplate", "v={viewer}&note=a b"))).containsExactly("$.queryTemplate");
    }

    @Test
    void templateThatCanExceed512WithTokensIsRefusedAndOneThatFitsExactlyIsAccepted() {
        // 496 literal characters + one placeholder as a 16-character token = 512
        assertThat(problemPaths(Map.of("queryTemplate", "a".repeat(494) + "v={viewer}"))).isEmpty();
        assertThat(problemPaths(Map.of("queryTemplate", "a".repeat(495) + "v={viewer}"))).containsExactly("$.queryTemplate");
        assertThat(problemPaths(Map.of("queryTemplate", "a".repeat(448) + "{room}{viewer}{sharer}{token}"))).isEmpty();
        assertThat(problemPaths(Map.of("queryTemplate", "a".repeat(449) + "{room}{viewer}{sharer}{token}"))).containsExactly("$.queryTemplate");
    }

    @Test
    void urlLinkExpiryOutside1To30DaysIsRefused() {
        assertThat(problemPaths(Map.of("urlLinkExpiryDays", 0))).containsExactly("$.urlLinkExpiryDays");
        assertThat(problemPaths(Map.of("urlLinkExpiryDays", 31))).containsExactly("$.urlLinkExpiryDays");
        assertThat(problemPaths(Map.of("urlLinkExpiryDays", 1))).isEmpty();
    }

    @Test
    void invalidConfigurationFailsTheCallAsUserError() {
        var ctx = TestContext.forStore("s1").withConfig(config(Map.of("appid", "nope")));

        assertThatThrownBy(() -> provider.targets(ctx, new JumpRequest("r", "v", null, TOKEN)))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo("CONFIG_INVALID"))
                .hasMessageContaining("$.appid");
    }

    private JumpTarget target(Map<String, Object> overrides, JumpRequest request) {
        List<JumpTarget> targets = provider.targets(TestContext.forStore("s1").withConfig(config(overrides)), request);
        assertThat(targets).hasSize(1);
        return targets.getFirst();
    }

    private List<String> problemPaths(Map<String, Object> overrides) {
        return provider.validate(PluginConfig.of(config(overrides))).stream().map(ConfigProblem::path).toList();
    }

    private static Map<String, Object> config(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("appid", APPID, "path", "pages/live/landing"));
        config.putAll(overrides);
        return config;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
