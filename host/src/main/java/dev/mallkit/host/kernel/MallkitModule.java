package dev.mallkit.host.kernel;

import java.util.List;

/**
 * A domain of the host (membership, distribution, live, marketplace, and those to come), plugged into the
 * kernel the way a plugin plugs into the host: it declares its extension points, then, once the shared parts
 * exist, contributes its routes, order effects, enable-time checks, jobs and health through {@link ModuleParts}.
 * An embedder passes the modules it wants to {@code Mallkit.create}; a domain left out contributes nothing.
 */
public interface MallkitModule {

    /** @return a short name for logs and errors, e.g. {@code membership} */
    String name();

    /** @return the extension points this domain owns; read before any plugin loads */
    default List<ExtensionPointSpec<?>> extensionPoints() {
        return List.of();
    }

    /**
     * Builds the domain on a starting host: called once, off the event loop, in the order the modules were
     * given (which is the order of their order effects).
     *
     * @return what the domain contributes
     */
    ModuleParts start(HostServices host) throws Exception;
}
