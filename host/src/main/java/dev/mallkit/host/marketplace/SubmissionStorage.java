package dev.mallkit.host.marketplace;

import dev.mallkit.host.db.Database;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What submitted packages may take on disk. A provider's stored packages (undecided or rejected, not yet
 * purged; approved ones are the platform's to keep) are bounded by a quota checked before anything is
 * written, and a rejected submission's package is deleted once the retention period has passed; its row
 * keeps the report and records when the package went. Packages are stored once per hash, so a file goes
 * only when no other stored submission still needs it.
 */
final class SubmissionStorage {
    static final String RETENTION = "marketplace.rejectedRetentionHours";
    static final String QUOTA = "marketplace.providerQuotaBytes";
    private static final long DEFAULT_RETENTION_HOURS = 168;
    private static final long DEFAULT_QUOTA = 200L * 1024 * 1024;
    /** Rows purged per run: a backlog clears over a few runs without one long transaction. */
    private static final int PURGE_BATCH = 500;

    private final Database db;
    private final Path artifacts;

    SubmissionStorage(Database db, Path artifacts) {
        this.db = db;
        this.artifacts = artifacts;
    }

    /** Succeeds when {@code incoming} more bytes keep the provider within its quota; 413 {@code PROVIDER_QUOTA_EXCEEDED} otherwise. */
    Future<Void> admit(String providerId, long incoming) {
        return db.read(c -> {
            long quota = setting(c, QUOTA, DEFAULT_QUOTA);
            long stored = storedBytes(c, providerId);
            if (stored + incoming > quota) {
                throw new HostError(ErrorCode.PROVIDER_QUOTA_EXCEEDED, "this package (" + incoming + " bytes) would take your stored "
                        + "submissions to " + (stored + incoming) + " bytes, over your quota of " + quota + " bytes; rejected "
                        + "submissions are deleted after the retention period", new JsonArray().add(stored).add(quota));
            }
            return null;
        });
    }

    /** @return the bytes of the provider's stored packages that count against its quota, each stored file once */
    long storedBytes(Connection c, String providerId) throws SQLException {
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT sha256 FROM submissions "
                + "WHERE provider_id = ? AND purged_at IS NULL AND status <> 'APPROVED'")) {
            ps.setString(1, providerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    total += size(artifacts.resolve(rs.getString(1).trim()));
                }
            }
        }
        return total;
    }

    /**
     * Deletes the packages of submissions rejected (automatically or by an admin) before {@code now} minus the
     * retention period, and marks their rows purged; blocking, idempotent (a run repeated after a crash finds
     * the files gone and marks the rows).
     *
     * @return how many submissions were purged
     */
    int purgeRejected(Instant now) throws SQLException {
        List<String[]> due = new ArrayList<>();
        Duration retention;
        try (Connection c = db.dataSource().getConnection()) {
            retention = Duration.ofHours(setting(c, RETENTION, DEFAULT_RETENTION_HOURS));
            Timestamp before = Timestamp.from(now.minus(retention));
            try (PreparedStatement ps = c.prepareStatement("SELECT id, sha256 FROM submissions WHERE purged_at IS NULL AND ("
                    + "(status = 'REJECTED_AUTOMATICALLY' AND created_at <= ?) OR (status = 'REJECTED' AND decided_at <= ?))")) {
                ps.setMaxRows(PURGE_BATCH);
                ps.setTimestamp(1, before);
                ps.setTimestamp(2, before);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(new String[] {rs.getString(1), rs.getString(2).trim()});
                    }
                }
            }
        }
        int purged = 0;
        for (String[] submission : due) {
            purged += db.inTransaction(c -> purge(c, submission[0], submission[1], now)) ? 1 : 0;
        }
        return purged;
    }

    private boolean purge(Connection c, String id, String sha256, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE submissions SET purged_at = ? WHERE id = ? AND purged_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, id);
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        if (!stillNeeded(c, sha256)) {
            try {
                // deleted before the mark commits: a failure here rolls the mark back and the next run tries again
                Files.deleteIfExists(artifacts.resolve(sha256));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the package of submission " + id, e);
            }
        }
        return true;
    }

    /** @return whether another stored submission (pending, approved, or rejected but not purged) has these bytes */
    private static boolean stillNeeded(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM submissions WHERE sha256 = ? AND purged_at IS NULL")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long setting(Connection c, String name, long fallback) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT val FROM platform_settings WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Long.parseLong(rs.getString(1).trim()) : fallback;
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            // purged or never written: nothing stored
            return 0;
        }
    }
}
