package dev.mallkit.plugins.distributionclassic;

import dev.mallkit.api.distribution.BindingDecision;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CurrentBinding;
import java.time.Duration;

/**
 * When a referral attempt may bind a member. The host has already refused self-referral and loops;
 * an attempt by the member's current referrer never re-binds, whatever the policy.
 */
public enum BindingPolicy {
    /** The first referrer keeps the member for good. */
    FIRST_TOUCH {
        @Override
        BindingDecision whenBound(BindingRequest request, CurrentBinding current, ClassicConfig config) {
            return BindingDecision.refuse("FIRST_TOUCH_KEEPS_EXISTING");
        }
    },
    /** Every new referrer takes the member over. */
    LAST_TOUCH {
        @Override
        BindingDecision whenBound(BindingRequest request, CurrentBinding current, ClassicConfig config) {
            return BindingDecision.bind("LAST_TOUCH_REBINDS");
        }
    },
    /** A binding protects the member for {@code bindingDays}; from then on another referrer may take over. */
    EXPIRING {
        @Override
        BindingDecision whenBound(BindingRequest request, CurrentBinding current, ClassicConfig config) {
            var expiresAt = current.boundAt().plus(Duration.ofDays(config.bindingDays()));
            return request.at().isBefore(expiresAt)
                    ? BindingDecision.refuse("BINDING_NOT_EXPIRED")
                    : BindingDecision.bind("EXPIRED_BINDING_REPLACED");
        }
    },
    /** Only a new member binds, within {@code registerWindowMinutes} of being first seen. */
    REGISTER_ONLY {
        @Override
        BindingDecision whenUnbound(BindingRequest request, ClassicConfig config) {
            var windowEnd = request.memberFirstSeen().plus(Duration.ofMinutes(config.registerWindowMinutes()));
            return request.at().isAfter(windowEnd)
                    ? BindingDecision.refuse("OUTSIDE_REGISTER_WINDOW")
                    : BindingDecision.bind("WITHIN_REGISTER_WINDOW");
        }

        @Override
        BindingDecision whenBound(BindingRequest request, CurrentBinding current, ClassicConfig config) {
            return BindingDecision.refuse("REGISTER_ONLY_KEEPS_EXISTING");
        }
    };

    /** @return whether {@code request} binds under this policy and {@code config} */
    BindingDecision decide(BindingRequest request, ClassicConfig config) {
        CurrentBinding current = request.current();
        if (current == null) {
            return whenUnbound(request, config);
        }
        if (current.referrerId().equals(request.referrerId())) {
            return BindingDecision.refuse("ALREADY_BOUND_TO_REFERRER");
        }
        return whenBound(request, current, config);
    }

    BindingDecision whenUnbound(BindingRequest request, ClassicConfig config) {
        return BindingDecision.bind("FIRST_BINDING");
    }

    abstract BindingDecision whenBound(BindingRequest request, CurrentBinding current, ClassicConfig config);
}
