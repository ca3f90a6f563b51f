package dev.mallkit.api.live;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.Slot;
import java.util.List;

/**
 * Offers jump targets for a live room. <b>Additive slot</b>: a store may enable several providers;
 * the host calls each in the store's order, merges their targets and drops duplicates. A provider
 * that fails or runs out of time contributes nothing; the others still answer.
 */
@Slot(Slot.Kind.ADDITIVE)
public interface LiveJumpProvider extends MallkitExtension {

    /**
     * @param ctx     the call's context
     * @param request the room, viewer, sharer and the host's attribution token
     * @return the targets in display order, possibly empty
     */
    List<JumpTarget> targets(PluginContext ctx, JumpRequest request);
}
