package dev.mallkit.host.live;

import dev.mallkit.host.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Labels applied to a store's members, each once: the first application's source and time are kept. */
public final class MemberLabels {
    /** What a label may look like; others are not stored. {@link #isLabel} checks the same without a matcher. */
    public static final Pattern LABEL = Pattern.compile("[A-Za-z0-9:._-]{1,64}");
    private static final int LABEL_MAX = 64;

    private MemberLabels() {
    }

    /**
     * @return whether {@code label} matches {@link #LABEL}: checked per target of every jump-target answer, where a
     * regular expression's matcher cost more than the rest of writing the target
     */
    public static boolean isLabel(String label) {
        int n = label.length();
        if (n == 0 || n > LABEL_MAX) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = label.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':' || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Applies {@code labels} to {@code memberId} unless already applied; inside the caller's transaction. */
    public static void apply(Connection c, String storeId, String memberId, List<String> labels, String source, Instant at) throws SQLException {
        for (String label : labels) {
            if (!isLabel(label) || applied(c, storeId, memberId, label)) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO member_labels (store_id, member_id, label, source, first_applied_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, storeId);
                ps.setString(2, memberId);
                ps.setString(3, label);
                ps.setString(4, source);
                ps.setTimestamp(5, Timestamp.from(at));
                ps.executeUpdate();
            } catch (SQLException e) {
                // a concurrent click applied it first: the label is there, which is all that matters
                if (!Dialect.isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    /** @return {@code {memberId, labels:[{label, source, firstAppliedAt}]}}, oldest first */
    public static JsonObject list(Connection c, String storeId, String memberId) throws SQLException {
        JsonArray labels = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement("SELECT label, source, first_applied_at FROM member_labels"
                + " WHERE store_id = ? AND member_id = ? ORDER BY first_applied_at, label")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.add(new JsonObject().put("label", rs.getString(1)).put("source", rs.getString(2))
                            .put("firstAppliedAt", rs.getTimestamp(3).toInstant().toString()));
                }
            }
        }
        return new JsonObject().put("memberId", memberId).put("labels", labels);
    }

    private static boolean applied(Connection c, String storeId, String memberId, String label) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM member_labels WHERE store_id = ? AND member_id = ? AND label = ?")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            ps.setString(3, label);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
