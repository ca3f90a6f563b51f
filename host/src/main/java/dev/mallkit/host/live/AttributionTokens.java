package dev.mallkit.host.live;

import dev.mallkit.host.db.Dialect;
import dev.mallkit.host.db.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mints and resolves attribution tokens: 16 random alphanumerics (about 95 bits, so unguessable) per
 * (store, room, viewer, sharer), the same token every time the same tuple asks. Lookups compare the
 * token exactly in Java because MySQL's default collation would match {@code abc} to {@code ABC}.
 */
final class AttributionTokens {
    static final int LENGTH = 16;
    private static final String COLUMNS = "token, store_id, room_id, viewer_id, sharer_id";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{1," + LENGTH + "}");

    private AttributionTokens() {
    }

    /** @return the tuple's token, minted on first use; runs inside the caller's transaction */
    static Attribution mint(Connection c, String storeId, String roomId, String viewerId, String sharerId, Instant at) throws SQLException {
        String hash = tupleHash(storeId, roomId, viewerId, sharerId);
        Optional<Attribution> known = byTuple(c, hash);
        if (known.isPresent()) {
            return known.get();
        }
        Attribution minted = new Attribution(Ids.random(LENGTH), storeId, roomId, viewerId, sharerId);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO attribution_tokens (" + COLUMNS
                + ", tuple_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, minted.token());
            ps.setString(2, storeId);
            ps.setString(3, roomId);
            ps.setString(4, viewerId);
            ps.setString(5, sharerId);
            ps.setString(6, hash);
            ps.setTimestamp(7, Timestamp.from(at));
            ps.executeUpdate();
            return minted;
        } catch (SQLException e) {
            if (!Dialect.isDuplicateKey(e)) {
                throw e;
            }
            // a concurrent request minted this tuple's token first (a random-token clash is ~2^-95)
            return byTuple(c, hash).orElseThrow(() -> e);
        }
    }

    /** @return what {@code token} stands for, when {@code storeId} minted it; {@code forUpdate} locks the row */
    static Optional<Attribution> resolve(Connection c, String storeId, String token, boolean forUpdate) throws SQLException {
        if (!TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM attribution_tokens WHERE token = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, token);
            return read(ps).filter(a -> a.token().equals(token) && a.storeId().equals(storeId));
        }
    }

    private static Optional<Attribution> byTuple(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM attribution_tokens WHERE tuple_hash = ?")) {
            ps.setString(1, hash);
            return read(ps);
        }
    }

    private static Optional<Attribution> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new Attribution(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                    : Optional.empty();
        }
    }

    static String tupleHash(String storeId, String roomId, String viewerId, String sharerId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // NUL cannot occur in ids, so the joined form is unambiguous; a null sharer differs from any id
            String tuple = storeId + '\0' + roomId + '\0' + viewerId + '\0' + (sharerId == null ? "\0" : sharerId);
            return HexFormat.of().formatHex(sha.digest(tuple.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
