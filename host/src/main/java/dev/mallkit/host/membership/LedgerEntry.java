package dev.mallkit.host.membership;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One append-only row of a member's ledger.
 *
 * @param kind           what happened
 * @param orderId        the order it belongs to, or null (expiry)
 * @param points         signed change of the points balance
 * @param growth         signed change of growth
 * @param debt           signed change of outstanding debt (points a reversal could not take back)
 * @param expiresAt      for an award, when its points expire, or null for never
 * @param expiredAwardId for an expiry, the award whose remainder expired
 * @param tier           for a tier change, the new tier
 * @param pluginId       the membership program that decided it, or null when the host alone did
 * @param detail         a short explanation for people
 */
public record LedgerEntry(EntryKind kind, String orderId, long points, long growth, long debt, Instant expiresAt,
                          Long expiredAwardId, String tier, String pluginId, String detail) {
    public LedgerEntry {
        requireNonNull(kind, "kind is null");
        requireNonNull(detail, "detail is null");
        detail = detail.length() > 255 ? detail.substring(0, 254) + "…" : detail;
    }

    /** @return an entry that only moves points */
    static LedgerEntry points(EntryKind kind, String orderId, long points, String pluginId, String detail) {
        return new LedgerEntry(kind, orderId, points, 0, 0, null, null, null, pluginId, detail);
    }
}
