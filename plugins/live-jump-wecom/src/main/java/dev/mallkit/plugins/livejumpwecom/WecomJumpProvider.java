package dev.mallkit.plugins.livejumpwecom;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import java.util.List;
import org.pf4j.Extension;

/**
 * Turns live-room viewers into WeCom (Enterprise WeChat) leads: a customer-acquisition link whose
 * {@code customer_channel} carries the room, viewer, sharer or attribution token (at most 64 UTF-8
 * bytes, tokenising values that would not fit, never truncating), and/or a contact-me configuration.
 * A click labels the viewer, by default {@code live:wecom-lead}.
 */
@Extension
public final class WecomJumpProvider implements LiveJumpProvider {

    @Override
    public List<ConfigProblem> validate(PluginConfig config) {
        return WecomLead.from(config).problems();
    }

    @Override
    public List<JumpTarget> targets(PluginContext ctx, JumpRequest request) {
        return WecomLead.from(ctx.config()).targets(request);
    }
}
