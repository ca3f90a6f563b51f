package dev.mallkit.host.live;

import dev.mallkit.api.PluginException;
import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.distribution.ReferralBinder;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.guard.PluginUnavailableException;
import dev.mallkit.host.live.JumpOffers.Offer;
import dev.mallkit.host.store.FeatureMix;
import dev.mallkit.host.store.StoreSnapshot;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Records a click on an offered jump target, applies the target's labels to the viewer and, when the
 * click's token names a sharer and the store runs a {@link DistributionScheme}, attempts a referral with
 * source {@value #SOURCE}. Everything happens in one transaction; a referral that fails inside the
 * scheme is rolled back to a savepoint so the click and labels are still recorded.
 */
final class JumpClicks {
    static final String SOURCE = "live-room";

    private final Database db;
    private final FeatureMix mix;
    private final Supplier<ReferralBinder> binders;
    private final Clock clock;

    /** @param binders the host's referral binder; may supply null when no distribution domain is installed */
    JumpClicks(Database db, FeatureMix mix, Supplier<ReferralBinder> binders, Clock clock) {
        this.db = db;
        this.mix = mix;
        this.binders = binders;
        this.clock = clock;
    }

    /** @param token the attribution token the clicked link carried, or null */
    Future<JsonObject> click(String storeId, String targetId, String viewerId, String token) {
        return db.offLoop(() -> {
            StoreSnapshot snapshot = mix.snapshot(storeId);
            Instant now = clock.instant();
            return db.inTransaction(c -> {
                Offer offer = (token == null
                        ? JumpOffers.lastOfferedTo(c, storeId, viewerId, targetId)
                        : JumpOffers.offered(c, storeId, token, targetId))
                        .orElseThrow(() -> HostError.notFound("jump target '" + targetId + "'" + (token == null ? "" : " under this token")));
                // offered once is not enough: the store must still run the provider that offered it
                if (snapshot.additive(LiveJumpProvider.class).stream().noneMatch(b -> b.pluginId().equals(offer.pluginId()))) {
                    throw HostError.notFound("jump target '" + targetId + "' (" + offer.pluginId() + " is no longer enabled)");
                }
                JsonObject referral = token == null ? null : referral(c, snapshot, offer.attribution(), viewerId, now);
                insertClick(c, offer, viewerId, referral == null ? null : referral.getString("reason"), now);
                MemberLabels.apply(c, storeId, viewerId, offer.labels(), "jump-click:" + targetId, now);
                return new JsonObject().put("recorded", true).put("labels", new JsonArray(offer.labels())).put("referral", referral);
            });
        });
    }

    private JsonObject referral(Connection c, StoreSnapshot snapshot, Attribution attribution, String viewerId, Instant at) throws SQLException {
        String sharer = attribution.sharerId();
        if (sharer == null) {
            return null;
        }
        if (!attribution.viewerId().equals(viewerId)) {
            // a forwarded link: the sharer shared the room with someone else, not with this viewer
            return notAttempted("TOKEN_OF_ANOTHER_VIEWER");
        }
        ReferralBinder binder = binders.get();
        if (binder == null || snapshot.exclusive(DistributionScheme.class).isEmpty()) {
            return notAttempted("NO_SCHEME");
        }
        Savepoint before = c.setSavepoint();
        try {
            ReferralBinder.Outcome outcome = binder.bind(c, snapshot, attribution.storeId(), viewerId, sharer, SOURCE, at);
            return outcome(true, outcome.bound(), outcome.referrerId(), outcome.reason());
        } catch (PluginUnavailableException | PluginException e) {
            c.rollback(before);
            return outcome(true, false, null, "SCHEME_UNAVAILABLE");
        }
    }

    /** Without an attempt the member's current referrer is unknown here (the binder owns the tree): referrerId is null. */
    private static JsonObject notAttempted(String reason) {
        return outcome(false, false, null, reason);
    }

    private static JsonObject outcome(boolean attempted, boolean bound, String referrerId, String reason) {
        return new JsonObject().put("attempted", attempted).put("bound", bound).put("referrerId", referrerId).put("reason", reason);
    }

    private static void insertClick(Connection c, Offer offer, String viewerId, String referralReason, Instant at) throws SQLException {
        Attribution a = offer.attribution();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO jump_clicks (store_id, viewer_id, target_id, plugin_id, room_id, token,"
                + " referral_reason, clicked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.storeId());
            ps.setString(2, viewerId);
            ps.setString(3, offer.targetId());
            ps.setString(4, offer.pluginId());
            ps.setString(5, a.roomId());
            ps.setString(6, a.token());
            ps.setString(7, referralReason);
            ps.setTimestamp(8, Timestamp.from(at));
            ps.executeUpdate();
        }
    }
}
