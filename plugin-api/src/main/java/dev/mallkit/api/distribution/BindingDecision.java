package dev.mallkit.api.distribution;

import static java.util.Objects.requireNonNull;

/**
 * Whether a referral attempt binds. When it binds and the member had a referrer, the host records
 * the replacement in the binding history.
 *
 * @param bind   true to bind (or re-bind) the member to the requested referrer
 * @param reason an UPPER_SNAKE reason, e.g. {@code FIRST_TOUCH_KEEPS_EXISTING}
 */
public record BindingDecision(boolean bind, String reason) {
    public BindingDecision {
        requireNonNull(reason, "reason is null");
    }

    /** @return a decision to bind */
    public static BindingDecision bind(String reason) {
        return new BindingDecision(true, reason);
    }

    /** @return a decision to refuse */
    public static BindingDecision refuse(String reason) {
        return new BindingDecision(false, reason);
    }
}
