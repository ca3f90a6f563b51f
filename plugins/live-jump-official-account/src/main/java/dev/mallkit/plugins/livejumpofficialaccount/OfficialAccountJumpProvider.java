package dev.mallkit.plugins.livejumpofficialaccount;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import java.util.List;
import org.pf4j.Extension;

/**
 * Sends live-room viewers to the merchant's official account: an article
 * ({@code https://mp.weixin.qq.com/s/...}) and/or the account's profile to follow. The targets are
 * the same for every viewer; the host records who clicked. A click labels the viewer, by default
 * {@code live:official-account}.
 */
@Extension
public final class OfficialAccountJumpProvider implements LiveJumpProvider {

    @Override
    public List<ConfigProblem> validate(PluginConfig config) {
        return OfficialAccount.from(config).problems();
    }

    @Override
    public List<JumpTarget> targets(PluginContext ctx, JumpRequest request) {
        return OfficialAccount.from(ctx.config()).targets();
    }
}
