package dev.mallkit.host.membership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a member's ledger into the unspent remainder of each award ("lot"). Redemptions and debt
 * settlements consume the oldest awards first (FIFO); a reversal consumes its own order's award first and
 * then the oldest; an expiry consumes exactly the award it names.
 */
final class PointLots {
    private PointLots() {
    }

    /**
     * An award and what is left of it.
     *
     * @param awardId   the AWARD entry's id
     * @param orderId   the order that earned it
     * @param remaining points of it not yet spent, reversed or expired
     * @param expiresAt when it expires, or null
     */
    record Lot(long awardId, String orderId, long remaining, Instant expiresAt) {
    }

    /** @return every award in the order it was written, with its remainder after the whole history */
    static List<Lot> replay(List<MemberLedger.Row> history) {
        Map<Long, Lot> lots = new LinkedHashMap<>();
        for (MemberLedger.Row row : history) {
            LedgerEntry e = row.entry();
            switch (e.kind()) {
                case AWARD -> {
                    if (e.points() > 0) {
                        lots.put(row.id(), new Lot(row.id(), e.orderId(), e.points(), e.expiresAt()));
                    }
                }
                case EXPIRY -> consume(lots, -e.points(), lot -> lot.awardId() == e.expiredAwardId());
                case REVERSAL -> {
                    long left = consume(lots, -e.points(), lot -> lot.orderId() != null && lot.orderId().equals(e.orderId()));
                    consume(lots, left, lot -> true);
                }
                case REDEMPTION, DEBT_SETTLED -> consume(lots, -e.points(), lot -> true);
                case TIER -> {
                }
            }
        }
        return new ArrayList<>(lots.values());
    }

    /** Takes {@code amount} from the matching lots, oldest first; @return what they could not cover */
    private static long consume(Map<Long, Lot> lots, long amount, java.util.function.Predicate<Lot> matching) {
        long left = amount;
        for (Map.Entry<Long, Lot> slot : lots.entrySet()) {
            if (left <= 0) {
                break;
            }
            Lot lot = slot.getValue();
            if (lot.remaining() == 0 || !matching.test(lot)) {
                continue;
            }
            long taken = Math.min(left, lot.remaining());
            slot.setValue(new Lot(lot.awardId(), lot.orderId(), lot.remaining() - taken, lot.expiresAt()));
            left -= taken;
        }
        return left;
    }
}
