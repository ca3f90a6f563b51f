package ${package};

import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import dev.mallkit.testkit.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MiniProgramJumpProviderTest {
    private static final String APP_ID = "wx0123456789abcdef";

    private final MiniProgramJumpProvider provider = new MiniProgramJumpProvider();
    private final JumpRequest viewer = new JumpRequest("room-1", "viewer-7", "sharer-3", "Ab12Cd34");

    @Test
    void offersTheConfiguredPageTaggedWithTheAttributionToken() {
        var ctx = TestContext.forStore("s1").withConfig(Map.of("appId", APP_ID, "path", "pages/live/deal"));

        assertThat(provider.targets(ctx, viewer)).singleElement().satisfies(target -> {
            assertThat(target.type()).isEqualTo(JumpTargetType.MINI_PROGRAM_PAGE);
            assertThat(target.attributes()).containsEntry("appid", APP_ID)
                    .containsEntry("path", "pages/live/deal")
                    .containsEntry("query", "mk=Ab12Cd34");
            assertThat(target.labels()).containsExactly(MiniProgramJumpProvider.CLICK_LABEL);
        });
    }

    @Test
    void fallsBackToTheSchemaDefaultsForPathAndLabel() {
        var ctx = TestContext.forStore("s1").withConfig(Map.of("appId", APP_ID));

        assertThat(provider.targets(ctx, viewer)).extracting(JumpTarget::label)
                .containsExactly(MiniProgramJumpProvider.DEFAULT_LABEL);
        assertThat(provider.targets(ctx, viewer).getFirst().attributes())
                .containsEntry("path", MiniProgramJumpProvider.DEFAULT_PATH);
    }

    @Test
    void offersNothingUntilTheStoreConfiguresAnAppId() {
        assertThat(provider.targets(TestContext.forStore("s1"), viewer)).isEmpty();
    }

    @Test
    void refusesAnAbsolutePagePath() {
        var problems = provider.validate(PluginConfig.of(Map.of("appId", APP_ID, "path", "/pages/index/index")));

        assertThat(problems).singleElement().satisfies(problem -> assertThat(problem.path()).isEqualTo("$.path"));
    }

    @Test
    void acceptsARelativePagePath() {
        assertThat(provider.validate(PluginConfig.of(Map.of("appId", APP_ID)))).isEmpty();
    }
}
