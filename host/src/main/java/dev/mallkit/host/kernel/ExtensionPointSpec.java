package dev.mallkit.host.kernel;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.Slot;
import dev.mallkit.host.js.JsAdapter;

/**
 * Everything the host needs to know about one extension point, declared once by the domain that owns it:
 * the interface (whose {@link Slot} annotation gives the slot kind) and how a JavaScript module implements
 * it. The name in a plugin's descriptor is the interface's simple name. The point's conformance checks are
 * the test kit's, which dispatches on the interface, so review, providers' tests and the host agree.
 *
 * <p>An implementation is a class with a public no-argument constructor: review processes rebuild the
 * host's points from their class names.
 */
public interface ExtensionPointSpec<T extends MallkitExtension> {

    /** @return the extension point interface, annotated with its {@link Slot} */
    Class<T> type();

    /** @return how a JavaScript module implements the point */
    JsAdapter<T> javascript();

    /** @return the name plugin descriptors use: the interface's simple name */
    default String name() {
        return type().getSimpleName();
    }

    /** @return how many plugins for the point one store may run, as the interface declares */
    default Slot.Kind slot() {
        Slot slot = type().getAnnotation(Slot.class);
        if (slot == null) {
            throw new IllegalStateException(type().getName() + " has no @Slot: every extension point declares its slot kind");
        }
        return slot.value();
    }
}
