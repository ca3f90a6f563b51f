package dev.mallkit.host.runtime;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginDescriptor;
import java.util.Optional;

/**
 * One (plugin id, version) loaded into this process, whatever its tier: a PF4J jar in its own class
 * loader, or a JavaScript package in a GraalVM sandbox. Extensions are shared by every store that runs
 * this version; each call receives its store's context.
 */
public interface LoadedPlugin extends AutoCloseable {

    /** @return the descriptor read from the package */
    PluginDescriptor descriptor();

    /** @return the hex SHA-256 of the package artifact as installed */
    String sha256();

    /** @return the tier the plugin runs in */
    Tier tier();

    /**
     * @param point an extension point interface, e.g. {@code MembershipProgram.class}
     * @return the plugin's implementation of it, if it provides one
     */
    <T extends MallkitExtension> Optional<T> extension(Class<T> point);

    /** Stops the plugin and releases its class loader or sandbox; the instance is unusable afterwards. */
    @Override
    void close();

    /** The two trust tiers of DESIGN.md. */
    enum Tier {
        /** In-process Java (PF4J), loaded only when approved and signed. */
        JAVA,
        /** JavaScript in a GraalVM sandbox. */
        JAVASCRIPT
    }
}
