package dev.mallkit.host.js;

import dev.mallkit.api.MallkitExtension;
import java.util.List;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * How a JavaScript module implements one extension point: the functions the module must export, and the
 * adapter that turns the module's sandboxes into the point's Java interface. Part of the point's spec.
 *
 * @param functions the exports a module declaring the point must have; loading refuses a module missing one
 * @param adapter   builds the extension over a package's sandboxes
 */
public record JsAdapter<T extends MallkitExtension>(List<String> functions, BiFunction<JsRunner, JsLimits, T> adapter) {
    public JsAdapter {
        functions = List.copyOf(requireNonNull(functions, "functions is null"));
        requireNonNull(adapter, "adapter is null");
    }
}
