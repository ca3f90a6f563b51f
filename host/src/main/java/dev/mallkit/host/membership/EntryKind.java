package dev.mallkit.host.membership;

/** What a member ledger entry records. Points, growth and debt of an entry are signed deltas. */
public enum EntryKind {
    /** Points and growth an order event earned; the points may carry an expiry. */
    AWARD,
    /** A refund took back points (what the balance held) and growth; any shortfall became debt. */
    REVERSAL,
    /** Points paid part of an order. */
    REDEMPTION,
    /** Newly awarded points paid off debt left by an earlier reversal. */
    DEBT_SETTLED,
    /** The unspent remainder of one award expired. */
    EXPIRY,
    /** The member's tier changed; moves no points. */
    TIER
}
