package dev.mallkit.host.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.auth.Tokens;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.db.Dialect;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Providers, merchants and stores, and who may reach which store. */
public final class Tenants {
    /** Stores whose owner is remembered (a store never changes owner); the least used are read again. */
    private static final int OWNERS_CACHED = 200_000;

    private final Database db;
    private final Tokens tokens;
    private final Cache<String, String> storeOwners = Caffeine.newBuilder().maximumSize(OWNERS_CACHED).build();

    public Tenants(Database db, Tokens tokens) {
        this.db = db;
        this.tokens = tokens;
    }

    /** Creates a provider or merchant with a first token: {@code {id, token}}. 409 when the id exists. */
    public Future<JsonObject> createTenant(Role role, String id, String name) {
        String table = switch (role) {
            case PROVIDER -> "providers";
            case MERCHANT -> "merchants";
            default -> throw new IllegalArgumentException("not a tenant role: " + role);
        };
        return db.tx(c -> {
            insert(c, "INSERT INTO " + table + " (id, name, created_at) VALUES (?, ?, ?)", id, name,
                    role.name().toLowerCase() + " '" + id + "' already exists");
            String token = tokens.issue(c, new Principal(role, id));
            return new JsonObject().put("id", id).put("name", name).put("token", token);
        });
    }

    /** Creates a store owned by {@code merchantId}. */
    public Future<JsonObject> createStore(String merchantId, String id, String name) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO stores (id, merchant_id, name, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, merchantId);
                ps.setString(3, name);
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Dialect.isDuplicateKey(e)) {
                    throw new HostError(ErrorCode.STORE_EXISTS, "store '" + id + "' already exists");
                }
                throw e;
            }
            storeOwners.put(id, merchantId);
            return new JsonObject().put("id", id).put("name", name).put("merchantId", merchantId);
        });
    }

    /** Issues a storefront key for {@code storeId}. */
    public Future<JsonObject> createStoreKey(String storeId) {
        return db.tx(c -> new JsonObject().put("storeId", storeId)
                .put("token", tokens.issue(c, new Principal(Role.STOREFRONT, storeId))));
    }

    /**
     * Checks that {@code principal} may act on {@code storeId}: its owning merchant, or a storefront key
     * of that store (when {@code storefrontAllowed}). 404 for a store outside the caller's scope, so
     * existence never leaks; 403 for a role that may not act at all.
     */
    public Future<String> authorizeStore(Principal principal, String storeId, boolean storefrontAllowed) {
        switch (principal.role()) {
            case STOREFRONT -> {
                if (!storefrontAllowed) {
                    return Future.failedFuture(new HostError(ErrorCode.FORBIDDEN, "a storefront key may not do that"));
                }
                return principal.subject().equals(storeId)
                        ? Future.succeededFuture(storeId)
                        : Future.failedFuture(HostError.notFound("store '" + storeId + "'"));
            }
            case MERCHANT -> {
                return owner(storeId).compose(owner -> owner.filter(principal.subject()::equals).isPresent()
                        ? Future.succeededFuture(storeId)
                        : Future.failedFuture(HostError.notFound("store '" + storeId + "'")));
            }
            default -> {
                return Future.failedFuture(new HostError(ErrorCode.FORBIDDEN, "role " + principal.role().name().toLowerCase() + " may not act on stores"));
            }
        }
    }

    /** @return the merchant owning {@code storeId}, if the store exists */
    public Future<Optional<String>> owner(String storeId) {
        String cached = storeOwners.getIfPresent(storeId);
        if (cached != null) {
            return Future.succeededFuture(Optional.of(cached));
        }
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT merchant_id FROM stores WHERE id = ?")) {
                ps.setString(1, storeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<String>empty();
                    }
                    storeOwners.put(storeId, rs.getString(1));
                    return Optional.of(rs.getString(1));
                }
            }
        });
    }

    private static void insert(Connection c, String sql, String id, String name, String conflict) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Dialect.isDuplicateKey(e)) {
                throw new HostError(ErrorCode.ALREADY_EXISTS, conflict);
            }
            throw e;
        }
    }
}
