package dev.mallkit.host.runtime;

/** A Java plugin whose artifact hash the platform has not approved, refused outside dev mode. */
public class UntrustedPluginException extends PluginPackageException {
    private static final long serialVersionUID = 1L;

    /** @param message a human sentence naming the jar and its hash */
    public UntrustedPluginException(String message) {
        super(message);
    }
}
