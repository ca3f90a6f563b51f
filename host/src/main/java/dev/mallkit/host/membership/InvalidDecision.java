package dev.mallkit.host.membership;

import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;


/** A membership program returned a decision the host cannot record; the request fails, nothing is written. */
final class InvalidDecision {
    private InvalidDecision() {
    }

    /** @return the error: 502, because the upstream (the plugin) answered wrongly, not the caller */
    static HostError of(String message) {
        return new HostError(ErrorCode.PLUGIN_DECISION_INVALID, "the store's membership program returned an invalid decision: " + message);
    }
}
