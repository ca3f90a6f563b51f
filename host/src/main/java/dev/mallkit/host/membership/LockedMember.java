package dev.mallkit.host.membership;

import dev.mallkit.api.membership.MemberBenefits;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.host.order.Members;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A member whose balance row this transaction holds locked: every ledger write for the member goes
 * through here, so totals, attributes and the state handed to programs stay in step.
 */
final class LockedMember {
    private final Connection c;
    private final String storeId;
    private final String memberId;
    private final Instant now;
    private final Instant firstSeen;
    private MemberBalance balance;
    private final Map<String, String> attributes;

    private LockedMember(Connection c, String storeId, String memberId, Instant now, Instant firstSeen,
                         MemberBalance balance, Map<String, String> attributes) {
        this.c = c;
        this.storeId = storeId;
        this.memberId = memberId;
        this.now = now;
        this.firstSeen = firstSeen;
        this.balance = balance;
        this.attributes = attributes;
    }

    /** Locks the member's ledger; the member must have been seen by the store. */
    static LockedMember lock(Connection c, String storeId, String memberId, Instant now) throws SQLException {
        Instant firstSeen = Members.firstSeen(c, storeId, memberId);
        if (firstSeen == null) {
            throw new IllegalStateException("member " + memberId + " of store " + storeId + " was never seen");
        }
        return lock(c, storeId, memberId, now, firstSeen);
    }

    /** Locks the ledger of a member the caller's transaction already saw first at {@code firstSeen}. */
    static LockedMember lock(Connection c, String storeId, String memberId, Instant now, Instant firstSeen) throws SQLException {
        MemberBalance balance = MemberLedger.lock(c, storeId, memberId, now);
        return new LockedMember(c, storeId, memberId, now, firstSeen, balance,
                new HashMap<>(MemberAttributes.read(c, storeId, memberId, true)));
    }

    /** @return the totals, including every entry appended so far */
    MemberBalance balance() {
        return balance;
    }

    /** @return the member's ledger in the order it was written */
    java.util.List<MemberLedger.Row> history() throws SQLException {
        return MemberLedger.history(c, storeId, memberId);
    }

    /** @return the member as programs see it now */
    MemberState state() {
        return new MemberState(memberId, balance.points(), balance.growth(), firstSeen, attributes);
    }

    /** Appends {@code entry} and updates the totals. */
    void append(LedgerEntry entry) throws SQLException {
        balance = MemberLedger.append(c, storeId, memberId, balance, entry, now);
    }

    /** Stores the attributes a decision set; an empty value removes one. */
    void setAttributes(Map<String, String> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        MemberAttributes.write(c, storeId, memberId, changes, now);
        changes.forEach((name, value) -> {
            if (value.isEmpty()) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
        });
    }

    /** Appends a TIER entry when {@code after} names another tier than {@code before}. */
    void recordTierChange(MemberBenefits before, MemberBenefits after, String orderId, String pluginId) throws SQLException {
        if (after.tier().length() > 64) {
            throw InvalidDecision.of("tier codes are at most 64 characters: " + after.tier());
        }
        if (!before.tier().equals(after.tier())) {
            append(new LedgerEntry(EntryKind.TIER, orderId, 0, 0, 0, null, null, after.tier(), pluginId,
                    before.tier() + " -> " + after.tier()));
        }
    }
}
