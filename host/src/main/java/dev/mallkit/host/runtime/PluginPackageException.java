package dev.mallkit.host.runtime;

/** A plugin package that cannot be installed: unreadable, malformed, inconsistent or for another API. */
public class PluginPackageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message a human sentence naming the package and what is wrong with it */
    public PluginPackageException(String message) {
        super(message);
    }

    /** @param message a human sentence naming the package and what is wrong with it */
    public PluginPackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
