package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import java.util.List;

/**
 * What every JavaScript extension adapter shares: marshalling a call's arguments to JSON, running
 * it in a sandbox of the calling store, bounding what crosses the boundary, and the optional {@code validate(config)}.
 */
abstract class JsExtension implements MallkitExtension {

    private final JsRunner sandboxes;
    private final JsLimits limits;

    JsExtension(JsRunner sandboxes, JsLimits limits) {
        this.sandboxes = requireNonNull(sandboxes, "sandboxes is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** Calls a function the module must export for this extension point. */
    final JsResult call(String function, JsArgs args) {
        String result = callOptional(function, args);
        if (result == null) {
            throw new PluginException(ErrorCategory.INTERNAL_ERROR, "NOT_EXPORTED", JsPackage.MODULE + " does not export " + function);
        }
        return JsResult.parse(function, result, limits.maxOutputChars());
    }

    private String callOptional(String function, JsArgs args) {
        if (args.chars() > limits.maxInputChars()) {
            throw new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "INPUT_TOO_LARGE",
                    "the input of " + function + " is about " + args.chars() + " characters of JSON, more than " + limits.maxInputChars());
        }
        // the store of the call's ctx picks its sandboxes; a call without a ctx runs in a sandbox of its own
        return sandboxes.call(args.storeId(), function, args);
    }

    /** Asks the module's optional {@code validate(config)}, which returns {@code [{path, message}]}. */
    @Override
    public List<ConfigProblem> validate(PluginConfig config) {
        String result = callOptional("validate", new JsArgs().json(JsInputs.config(config)));
        if (result == null) {
            return List.of();
        }
        JsResult problems = JsResult.parse("validate", result, limits.maxOutputChars());
        if (problems.isNull()) {
            return List.of();
        }
        return problems.items().stream()
                .map(problem -> problem.object().build(() -> new ConfigProblem(problem.field("path").text(), problem.field("message").text())))
                .toList();
    }
}
