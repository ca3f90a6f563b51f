package dev.mallkit.host.cluster;

import dev.mallkit.host.db.Dialect;
import dev.mallkit.marketplace.signing.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

import static java.util.Objects.requireNonNull;

/** The {@link ArtifactStore} in the shared database's {@code plugin_artifacts} table. */
public final class DbArtifactStore implements ArtifactStore {
    private final DataSource dataSource;

    public DbArtifactStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public void put(String sha256, byte[] bytes) throws SQLException {
        String actual = Sha256.of(bytes);
        if (!actual.equals(sha256)) {
            throw new IllegalArgumentException("artifact bytes hash to " + actual + ", not " + sha256);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO plugin_artifacts (sha256, bytes, size, stored_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, sha256);
            ps.setBytes(2, bytes);
            ps.setLong(3, bytes.length);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Dialect.isDuplicateKey(e)) {
                throw e; // a duplicate is the same bytes, stored by another host first
            }
        }
    }

    @Override
    public Optional<byte[]> get(String sha256) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT bytes FROM plugin_artifacts WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }
}
