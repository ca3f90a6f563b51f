package dev.mallkit.host.marketplace;

import dev.mallkit.marketplace.review.ReviewReports;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code submissions} table. */
final class SubmissionRows {
    private static final String COLUMNS =
            "id, provider_id, plugin_id, version, sha256, status, report, reason, created_at, decided_by, decided_at";
    private static final String READ_COLUMNS = COLUMNS + ", purged_at";
    private static final int LIST_LIMIT = 200;

    private SubmissionRows() {
    }

    static void insert(Connection c, Submission s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO submissions (" + COLUMNS + ", kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.id());
            ps.setString(2, s.providerId());
            ps.setString(3, s.pluginId());
            ps.setString(4, s.version());
            ps.setString(5, s.sha256());
            ps.setString(6, s.status().name());
            ps.setString(7, ReviewReports.toJson(s.report()));
            ps.setString(8, s.reason());
            ps.setTimestamp(9, Timestamp.from(s.createdAt()));
            ps.setString(10, s.decidedBy());
            ps.setTimestamp(11, s.decidedAt() == null ? null : Timestamp.from(s.decidedAt()));
            ps.setString(12, s.report().kind().name());
            ps.executeUpdate();
        }
    }

    /** @return the submission, locked for update when {@code lock} */
    static Optional<Submission> find(Connection c, String id, boolean lock) throws SQLException {
        List<Submission> found = query(c, "SELECT " + READ_COLUMNS + " FROM submissions WHERE id = ?" + (lock ? " FOR UPDATE" : ""), id);
        return found.stream().findFirst();
    }

    static List<Submission> byStatus(Connection c, SubmissionStatus status) throws SQLException {
        return query(c, "SELECT " + READ_COLUMNS + " FROM submissions WHERE status = ? ORDER BY created_at", status.name());
    }

    static List<Submission> byProvider(Connection c, String providerId) throws SQLException {
        return query(c, "SELECT " + READ_COLUMNS + " FROM submissions WHERE provider_id = ? ORDER BY created_at DESC", providerId);
    }

    static List<Submission> all(Connection c) throws SQLException {
        return query(c, "SELECT " + READ_COLUMNS + " FROM submissions ORDER BY created_at DESC");
    }

    static void decide(Connection c, String id, SubmissionStatus status, String reason, String by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE submissions SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, reason);
            ps.setString(3, by);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setString(5, id);
            ps.executeUpdate();
        }
    }

    private static List<Submission> query(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(LIST_LIMIT);
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<Submission> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp decided = rs.getTimestamp(11);
                    Timestamp purged = rs.getTimestamp(12);
                    out.add(new Submission(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5).trim(),
                            SubmissionStatus.valueOf(rs.getString(6)), ReviewReports.fromJson(rs.getString(7)), rs.getString(8),
                            rs.getTimestamp(9).toInstant(), rs.getString(10), decided == null ? null : decided.toInstant(),
                            purged == null ? null : purged.toInstant()));
                }
            }
            return out;
        }
    }
}
