package dev.mallkit.host.guard;

import static java.util.Objects.requireNonNull;

/**
 * A guarded plugin call produced no answer. The caller degrades that plugin's contribution (an
 * additive slot skips it, an exclusive slot answers 503) and carries on; the host is never affected.
 */
public class PluginUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient GuardKey key;
    private final Reason reason;

    /**
     * @param key    the guarded (plugin, version, store)
     * @param reason why no answer came
     * @param cause  what the plugin threw, for {@link Reason#FAILED}; otherwise null
     */
    public PluginUnavailableException(GuardKey key, Reason reason, Throwable cause) {
        super("plugin " + requireNonNull(key, "key is null") + " unavailable: " + requireNonNull(reason, "reason is null")
                + (cause == null ? "" : " (" + cause + ")"), cause, true, false); // no stack: the cause has the plugin's, and a
        // failing plugin raises one per call, so building the caller's stack every time would be garbage for nothing
        this.key = key;
        this.reason = reason;
    }

    /** @return the guarded (plugin, version, store) */
    public GuardKey key() {
        return key;
    }

    /** @return why no answer came */
    public Reason reason() {
        return reason;
    }

    /** Why a guarded call produced no answer. */
    public enum Reason {
        /** The call overran its budget; its thread was interrupted and abandoned. */
        TIMEOUT,
        /** The key already ran its maximum of concurrent calls. */
        BULKHEAD_FULL,
        /** The key's circuit breaker is open after repeated failures. */
        CIRCUIT_OPEN,
        /** The plugin threw (anything but a user error), or the call could not run. */
        FAILED
    }
}
