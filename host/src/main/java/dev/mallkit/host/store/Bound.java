package dev.mallkit.host.store;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginContext;
import dev.mallkit.host.guard.GuardKey;
import dev.mallkit.host.guard.GuardedInvoker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * An extension bound to one store: the implementation, the store's context for it, and the guard that
 * every call goes through. Immutable; part of a {@link StoreSnapshot}.
 */
public record Bound<T extends MallkitExtension>(String pluginId, String version, T extension, PluginContext context, GuardedInvoker guard,
                                                 Duration budget) {

    /** Calls the extension under its guard; blocking, never on the event loop. */
    public <R> R call(BiFunction<T, PluginContext, R> call) {
        return guard.call(key(), budget, () -> call.apply(extension, context));
    }

    /**
     * Calls each of {@code bounds} under its own guard, as one batch ({@link GuardedInvoker#callEach}: one hand-off
     * for all unless one is slow); blocking, never on the event loop.
     *
     * @param bounds extensions bound by one host (one {@link GuardedInvoker})
     * @return per extension, in order, what {@link #call} would have returned or thrown
     */
    public static <T extends MallkitExtension, R> List<GuardedInvoker.Outcome<R>> callEach(List<Bound<T>> bounds,
                                                                                         BiFunction<T, PluginContext, R> call) {
        if (bounds.isEmpty()) {
            return List.of();
        }
        GuardedInvoker guard = bounds.getFirst().guard();
        List<GuardedInvoker.Item<R>> items = new ArrayList<>(bounds.size());
        for (Bound<T> b : bounds) {
            if (b.guard() != guard) {
                throw new IllegalArgumentException("extensions of different hosts in one batch: " + b.pluginId());
            }
            items.add(new GuardedInvoker.Item<>(b.key(), b.budget(), () -> call.apply(b.extension(), b.context())));
        }
        return guard.callEach(items);
    }

    private GuardKey key() {
        return new GuardKey(pluginId, version, context.storeId());
    }
}
