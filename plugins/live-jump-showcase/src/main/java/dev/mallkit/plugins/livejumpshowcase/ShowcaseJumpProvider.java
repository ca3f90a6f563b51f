package dev.mallkit.plugins.livejumpshowcase;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import java.util.List;
import org.pf4j.Extension;

/**
 * Offers the products of the store's live showcase: one target per configured product with its SKU,
 * title, price (minor units) and currency, and the mini-program product page to open, carrying the
 * host's attribution token. A click labels the viewer, by default {@code live:showcase}.
 */
@Extension
public final class ShowcaseJumpProvider implements LiveJumpProvider {

    @Override
    public List<ConfigProblem> validate(PluginConfig config) {
        return Showcase.from(config).problems();
    }

    @Override
    public List<JumpTarget> targets(PluginContext ctx, JumpRequest request) {
        return Showcase.from(ctx.config()).targets(request);
    }
}
