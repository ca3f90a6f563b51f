package dev.mallkit.host.distribution;

import dev.mallkit.host.store.StoreSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Attempts a referral binding under the store's {@code DistributionScheme}: refuses self-referral and loops
 * through any ancestor, asks the scheme, and records the binding (with history) when it binds. Used by
 * {@code POST .../referrals} and by live-room jump clicks (source {@code live-room}).
 */
public interface ReferralBinder {

    /** The outcome, as the contract's {@code {bound, referrerId, reason}}. */
    record Outcome(boolean bound, String referrerId, String reason) {
    }

    /**
     * Runs inside the caller's transaction, off the event loop.
     *
     * @param snapshot the store's feature mix; without a DistributionScheme nothing binds ({@code NO_SCHEME})
     */
    Outcome bind(Connection c, StoreSnapshot snapshot, String storeId, String memberId, String referrerId, String source, Instant at)
            throws SQLException;
}
