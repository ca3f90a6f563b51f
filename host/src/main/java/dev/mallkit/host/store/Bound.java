package dev.mallkit.host.store;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginContext;
import dev.mallkit.host.guard.GuardKey;
import dev.mallkit.host.guard.GuardedInvoker;
import java.util.function.BiFunction;

/**
 * An extension bound to one store: the implementation, the store's context for it, and the guard that
 * every call goes through. Immutable; part of a {@link StoreSnapshot}.
 */
public record Bound<T extends MallkitExtension>(String pluginId, String version, T extension, PluginContext context, GuardedInvoker guard,
                                                 java.time.Duration budget) {

    /** Calls the extension under its guard; blocking, never on the event loop. */
    public <R> R call(BiFunction<T, PluginContext, R> call) {
        return guard.call(new GuardKey(pluginId, version, context.storeId()), budget, () -> call.apply(extension, context));
    }
}
