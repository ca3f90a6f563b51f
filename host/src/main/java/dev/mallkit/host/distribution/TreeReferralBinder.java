package dev.mallkit.host.distribution;

import dev.mallkit.api.distribution.BindingDecision;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CurrentBinding;
import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.host.order.Members;
import dev.mallkit.host.store.Bound;
import dev.mallkit.host.store.StoreSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The host's {@link ReferralBinder}: touches both members (so the scheme sees when the member was first
 * seen), refuses self-referral ({@code SELF_REFERRAL}) and loops through any ancestor ({@code LOOP}),
 * then asks the store's scheme under the store's tree lock and records the binding in the
 * {@link ReferralTree}. The scheme is asked while the lock is held so that its verdict applies to the
 * tree it was shown; its guard's time budget bounds how long that lock is held.
 */
public final class TreeReferralBinder implements ReferralBinder {

    @Override
    public Outcome bind(Connection c, StoreSnapshot snapshot, String storeId, String memberId, String referrerId, String source, Instant at)
            throws SQLException {
        Instant firstSeen = Members.touch(c, storeId, memberId, at);
        Members.touch(c, storeId, referrerId, at);
        Optional<Bound<DistributionScheme>> scheme = snapshot.exclusive(DistributionScheme.class);
        if (memberId.equals(referrerId)) {
            return refused(c, storeId, memberId, "SELF_REFERRAL");
        }
        if (scheme.isEmpty()) {
            return refused(c, storeId, memberId, "NO_SCHEME");
        }
        ReferralTree.lock(c, storeId);
        CurrentBinding current = ReferralTree.current(c, storeId, memberId);
        if (ReferralTree.isAncestor(c, storeId, memberId, referrerId)) {
            return new Outcome(false, current == null ? null : current.referrerId(), "LOOP");
        }
        BindingRequest request = new BindingRequest(memberId, referrerId, source, at, firstSeen, current);
        BindingDecision decision = scheme.get().call((s, ctx) -> s.bind(ctx, request));
        if (!decision.bind()) {
            return new Outcome(false, current == null ? null : current.referrerId(), decision.reason());
        }
        if (current != null && current.referrerId().equals(referrerId)) {
            // nothing moves; the scheme merely confirmed the existing binding
            return new Outcome(true, referrerId, decision.reason());
        }
        ReferralTree.bind(c, storeId, memberId, referrerId, current, source, decision.reason(), at);
        return new Outcome(true, referrerId, decision.reason());
    }

    private static Outcome refused(Connection c, String storeId, String memberId, String reason) throws SQLException {
        CurrentBinding current = ReferralTree.current(c, storeId, memberId);
        return new Outcome(false, current == null ? null : current.referrerId(), reason);
    }
}
