package dev.mallkit.host.membership;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The attributes membership programs set on members through their decisions. */
final class MemberAttributes {
    static final int MAX_NAME = 128;
    static final int MAX_VALUE = 1024;

    private MemberAttributes() {
    }

    /**
     * @param lock whether to read with a locking read: a writer that holds the member's lock must see the
     *             latest committed attributes, not its transaction's older snapshot
     * @return the member's attributes by name
     */
    static Map<String, String> read(Connection c, String storeId, String memberId, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, attr_value FROM member_attributes WHERE store_id = ? AND member_id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            Map<String, String> attributes = new TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attributes.put(rs.getString(1), rs.getString(2));
                }
            }
            return attributes;
        }
    }

    /** Sets each attribute of {@code changes}; an empty value removes it. The caller holds the member's lock. */
    static void write(Connection c, String storeId, String memberId, Map<String, String> changes, Instant now) throws SQLException {
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String name = change.getKey();
            String value = change.getValue();
            if (name == null || name.isBlank() || name.length() > MAX_NAME || value == null || value.length() > MAX_VALUE) {
                throw InvalidDecision.of("attribute names are 1-" + MAX_NAME + " characters and values at most " + MAX_VALUE
                        + " characters: " + name);
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM member_attributes WHERE store_id = ? AND member_id = ? AND name = ?")) {
                ps.setString(1, storeId);
                ps.setString(2, memberId);
                ps.setString(3, name);
                ps.executeUpdate();
            }
            if (value.isEmpty()) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO member_attributes (store_id, member_id, name, attr_value, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, storeId);
                ps.setString(2, memberId);
                ps.setString(3, name);
                ps.setString(4, value);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.executeUpdate();
            }
        }
    }
}
