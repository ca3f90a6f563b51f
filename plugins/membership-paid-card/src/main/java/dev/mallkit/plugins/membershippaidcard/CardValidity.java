package dev.mallkit.plugins.membershippaidcard;

import dev.mallkit.api.membership.MemberState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How long a member's card lasts, kept in the member attribute {@value #ATTRIBUTE} as an ISO
 * instant or {@value #PERMANENT}.
 *
 * @param validUntil the first instant the card no longer covers; null when permanent or when there is no card
 * @param permanent  whether the card never expires
 */
record CardValidity(Instant validUntil, boolean permanent) {
    static final String ATTRIBUTE = "card.validUntil";
    static final String PERMANENT = "permanent";
    static final CardValidity NONE = new CardValidity(null, false);
    static final CardValidity FOREVER = new CardValidity(null, true);

    CardValidity {
        if (permanent && validUntil != null) {
            throw new IllegalArgumentException("a permanent card has no end");
        }
    }

    /** @return the member's card as their attributes record it; an unreadable value counts as no card */
    static CardValidity of(MemberState member) {
        String value = member.attributes().getOrDefault(ATTRIBUTE, "");
        if (value.isEmpty()) {
            return NONE;
        }
        if (value.equals(PERMANENT)) {
            return FOREVER;
        }
        try {
            return new CardValidity(Instant.parse(value), false);
        } catch (DateTimeParseException e) {
            return NONE;
        }
    }

    /** @return whether the card gives benefits at {@code now} */
    boolean isValidAt(Instant now) {
        return permanent || (validUntil != null && now.isBefore(validUntil));
    }

    /**
     * @param now  when the card was bought
     * @param days the validity bought, 0 for a permanent card
     * @return the validity after buying: time left on a running card is kept, an expired one restarts at {@code now}
     */
    CardValidity extendedBy(Instant now, long days) {
        if (permanent || days == 0) {
            return FOREVER;
        }
        Instant from = validUntil != null && validUntil.isAfter(now) ? validUntil : now;
        return new CardValidity(from.plus(Duration.ofDays(days)), false);
    }

    /** @return the attribute value: an ISO instant, {@value #PERMANENT}, or empty for no card */
    String attributeValue() {
        return permanent ? PERMANENT : validUntil == null ? "" : validUntil.toString();
    }
}
