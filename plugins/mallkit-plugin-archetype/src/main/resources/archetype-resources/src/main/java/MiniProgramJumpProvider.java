package ${package};

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import dev.mallkit.api.live.LiveJumpProvider;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Offers a live-room viewer one button that opens a page of the merchant's mini-program. The query
 * carries only the host's short attribution token, so a later order or referral resolves back to
 * the room and the sharer. The configuration is described by the JSON Schema in mallkit-plugin.json.
 */
@Extension
public class MiniProgramJumpProvider implements LiveJumpProvider {
    static final String DEFAULT_PATH = "pages/index/index";
    static final String DEFAULT_LABEL = "Open our mini-program";
    static final String CLICK_LABEL = "live:interested";

    @Override
    public List<JumpTarget> targets(PluginContext ctx, JumpRequest request) {
        PluginConfig config = ctx.config();
        if (!config.has("appId")) {
            return List.of();
        }
        var attributes = Map.of(
                "appid", config.getString("appId", ""),
                "path", config.getString("path", DEFAULT_PATH),
                "query", "mk=" + request.attributionToken());
        return List.of(new JumpTarget("mini-program", JumpTargetType.MINI_PROGRAM_PAGE,
                config.getString("label", DEFAULT_LABEL), attributes, List.of(CLICK_LABEL)));
    }

    @Override
    public List<ConfigProblem> validate(PluginConfig config) {
        // the schema can say "string", not that WeChat resolves page paths relative to the app root
        if (config.getString("path", DEFAULT_PATH).startsWith("/")) {
            return List.of(new ConfigProblem("$.path", "page path must be relative, e.g. " + DEFAULT_PATH));
        }
        return List.of();
    }
}
