package dev.mallkit.plugins.livejumpminiprogram;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import java.util.List;
import org.pf4j.Extension;

/**
 * Sends a live-room viewer to one page of the merchant's mini-program: appid, path and a query
 * carrying the room, viewer, sharer or attribution token, plus a ready URL Scheme
 * ({@code weixin://dl/business/...}) and the parameters for generating a URL Link. Queries stay
 * within WeChat's limits (512 characters for a URL Scheme, 1024 for a URL Link) by replacing
 * values longer than their share with the host's attribution token, never by truncating.
 */
@Extension
public final class MiniProgramJumpProvider implements LiveJumpProvider {

    @Override
    public List<ConfigProblem> validate(PluginConfig config) {
        return MiniProgramPage.from(config).problems();
    }

    @Override
    public List<JumpTarget> targets(PluginContext ctx, JumpRequest request) {
        return List.of(MiniProgramPage.from(ctx.config()).target(request));
    }
}
