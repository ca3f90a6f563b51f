package dev.mallkit.host.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.db.Ids;
import io.vertx.core.Future;
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

/**
 * Bearer tokens: 256 bits of randomness, shown once, stored only as their SHA-256. Being random, a
 * plain hash suffices (no password stretching needed); lookups are cached in memory.
 */
public final class Tokens {
    /** Token hashes whose principal is remembered: the least used are read from the database again. */
    private static final int CACHE_LIMIT = 100_000;

    private final Database db;
    private final Cache<String, Principal> cache = Caffeine.newBuilder().maximumSize(CACHE_LIMIT).build();

    public Tokens(Database db) {
        this.db = db;
    }

    /** @return the hex SHA-256 of {@code token} */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a new random token for {@code role}; not yet stored */
    public static String newToken(Role role) {
        return "mk_" + role.name().toLowerCase().charAt(0) + "_" + Ids.random(43);
    }

    /** Issues a token for {@code principal} within the caller's transaction and returns it in clear, once. */
    public String issue(Connection c, Principal principal) throws SQLException {
        String token = newToken(principal.role());
        store(c, hash(token), principal);
        return token;
    }

    /** Records an already known token hash for {@code principal} (e.g. a configured admin token). */
    public void store(Connection c, String tokenHash, Principal principal) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_tokens (token_hash, role, subject, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, tokenHash);
            ps.setString(2, principal.role().name());
            ps.setString(3, principal.subject());
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    /** @return whether any admin token exists */
    public boolean adminExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM api_tokens WHERE role = 'ADMIN'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** @return whether {@code tokenHash} is recorded */
    public boolean known(Connection c, String tokenHash) throws SQLException {
        return find(c, tokenHash).isPresent();
    }

    /** @return the principal of {@code token}, if it is a known token */
    public Future<Optional<Principal>> authenticate(String token) {
        String hash = hash(token);
        Principal cached = cache.getIfPresent(hash);
        if (cached != null) {
            return Future.succeededFuture(Optional.of(cached));
        }
        return db.read(c -> find(c, hash)).map(found -> {
            found.ifPresent(p -> cache.put(hash, p));
            return found;
        });
    }

    private static Optional<Principal> find(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT role, subject FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Principal(Role.valueOf(rs.getString(1)), rs.getString(2)))
                        : Optional.empty();
            }
        }
    }
}
