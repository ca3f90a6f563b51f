package dev.mallkit.host.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The targets last offered under each attribution token, kept with the token. A click is resolved
 * against them rather than by asking the providers again: the click path makes no plugin call, so a
 * provider that is slow or down at click time cannot lose a click the viewer saw, and the labels
 * applied are the ones the viewer was shown.
 */
final class JumpOffers {
    /** How many of a viewer's latest rooms a click without a token searches. */
    private static final int RECENT_ROOMS = 50;

    /** A target offered under a token. */
    record Offer(Attribution attribution, String targetId, String pluginId, List<String> labels) {
        Offer {
            labels = List.copyOf(labels);
        }
    }

    private JumpOffers() {
    }

    /**
     * What a tuple's row holds now: its offers (JSON text, null before the first) and whether it is the
     * viewer's most recent room in the store, i.e. what a click without a token would search first, and
     * when they were recorded (epoch microseconds, 0 before the first).
     */
    record Recorded(String offers, boolean latest, long offeredUs) {
        /** @return whether recording {@code offers} again would change neither the offers nor any click's resolution */
        boolean unchangedBy(String offers) {
            return latest && offers.equals(this.offers);
        }
    }

    /** @return the targets as recorded under a token */
    static String encode(List<OfferedTarget> targets) {
        JsonText offers = new JsonText().open('[');
        targets.forEach(t -> t.writeOffer(offers));
        return offers.close(']').toString();
    }

    /** @return what is recorded under {@code attribution}'s tuple now */
    static Recorded recorded(Connection c, Attribution attribution) throws SQLException {
        String hash = tupleHash(attribution);
        String offers;
        long offeredUs;
        try (PreparedStatement ps = c.prepareStatement("SELECT offers, offered_us FROM attribution_tokens WHERE tuple_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return new Recorded(null, false, 0);
                }
                offers = rs.getString(1);
                offeredUs = rs.getLong(2);
            }
        }
        // another room offered at the same instant or later would win a tokenless click: then this tuple is not the latest
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM attribution_tokens WHERE store_id = ? AND viewer_id = ?"
                + " AND offered_us >= ? AND tuple_hash <> ?")) {
            ps.setString(1, attribution.storeId());
            ps.setString(2, attribution.viewerId());
            ps.setLong(3, offeredUs);
            ps.setString(4, hash);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return new Recorded(offers, !rs.next(), offeredUs);
            }
        }
    }

    /** Replaces the targets offered under {@code attribution}'s token with {@code offers} ({@link #encode}d). */
    static void record(Connection c, Attribution attribution, String offers, Instant at) throws SQLException {
        // by tuple hash, not token: a case-insensitive collation could match another token
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE attribution_tokens SET offers = ?, offered_at = ?, offered_us = ? WHERE tuple_hash = ?")) {
            ps.setString(1, offers);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setLong(3, micros(at));
            ps.setString(4, tupleHash(attribution));
            ps.executeUpdate();
        }
    }

    /** @return {@code at} as the epoch microseconds {@code offered_us} orders rooms by */
    static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static String tupleHash(Attribution a) {
        return AttributionTokens.tupleHash(a.storeId(), a.roomId(), a.viewerId(), a.sharerId());
    }

    /** @return {@code targetId} as offered under {@code token} of {@code storeId} */
    static Optional<Offer> offered(Connection c, String storeId, String token, String targetId) throws SQLException {
        Optional<Attribution> attribution = AttributionTokens.resolve(c, storeId, token, false);
        if (attribution.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT offers FROM attribution_tokens WHERE tuple_hash = ?")) {
            Attribution a = attribution.get();
            ps.setString(1, tupleHash(a));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? find(a, rs.getString(1), targetId) : Optional.empty();
            }
        }
    }

    /** @return {@code targetId} as most recently offered to {@code viewerId} in any room of {@code storeId} */
    static Optional<Offer> lastOfferedTo(Connection c, String storeId, String viewerId, String targetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT token, room_id, viewer_id, sharer_id, offers FROM attribution_tokens"
                + " WHERE store_id = ? AND viewer_id = ? AND offers IS NOT NULL ORDER BY offered_us DESC")) {
            ps.setString(1, storeId);
            ps.setString(2, viewerId);
            ps.setMaxRows(RECENT_ROOMS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Attribution a = new Attribution(rs.getString(1), storeId, rs.getString(2), rs.getString(3), rs.getString(4));
                    Optional<Offer> offer = a.viewerId().equals(viewerId) ? find(a, rs.getString(5), targetId) : Optional.empty();
                    if (offer.isPresent()) {
                        return offer;
                    }
                }
                return Optional.empty();
            }
        }
    }

    private static Optional<Offer> find(Attribution attribution, String offers, String targetId) {
        if (offers == null) {
            return Optional.empty();
        }
        for (Object item : new JsonArray(offers)) {
            JsonObject offer = (JsonObject) item;
            if (offer.getString("id").equals(targetId)) {
                List<String> labels = offer.getJsonArray("labels").stream().map(String::valueOf).toList();
                return Optional.of(new Offer(attribution, targetId, offer.getString("pluginId"), labels));
            }
        }
        return Optional.empty();
    }
}
