package dev.mallkit.host.js;

import dev.mallkit.api.PluginContext;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import dev.mallkit.api.live.LiveJumpProvider;
import java.util.List;

/**
 * A {@link LiveJumpProvider} whose module exports {@code targets(ctx, request)} returning
 * {@code [{id, type, label, attributes, labels}]}, {@code type} being a {@link JumpTargetType} name.
 */
public final class JsLiveJumpProvider extends JsExtension implements LiveJumpProvider {

    public JsLiveJumpProvider(JsRunner sandboxes, JsLimits limits) {
        super(sandboxes, limits);
    }

    @Override
    public List<JumpTarget> targets(PluginContext ctx, JumpRequest request) {
        return call("targets", new JsArgs().context(ctx).jump(request)).items().stream()
                .map(target -> target.object().build(() -> new JumpTarget(
                        target.field("id").text(),
                        type(target.field("type")),
                        target.field("label").text(),
                        target.field("attributes").stringMap(),
                        target.field("labels").strings())))
                .toList();
    }

    private static JumpTargetType type(JsResult field) {
        String name = field.text();
        try {
            return JumpTargetType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw JsResult.bad("targets[].type", "is not a jump target type: " + JsErrors.truncate(name));
        }
    }
}
