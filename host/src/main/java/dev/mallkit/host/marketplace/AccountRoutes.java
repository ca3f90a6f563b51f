package dev.mallkit.host.marketplace;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** What the web UI needs to know about the caller: its role, and a merchant's stores. */
final class AccountRoutes {
    private final Database db;

    AccountRoutes(Database db) {
        this.db = db;
    }

    void mount(Router router) {
        router.get("/v1/me").handler(this::me);
        router.get("/v1/stores").handler(this::stores);
    }

    private void me(RoutingContext ctx) {
        Principal p = Principal.of(ctx);
        Responses.json(ctx, 200, new JsonObject().put("role", p.role().name().toLowerCase()).put("subject", p.subject()));
    }

    private void stores(RoutingContext ctx) {
        Principal merchant = Principal.require(ctx, Role.MERCHANT);
        Responses.reply(ctx, 200, db.read(c -> {
            JsonArray out = new JsonArray();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM stores WHERE merchant_id = ? ORDER BY id")) {
                ps.setString(1, merchant.subject());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new JsonObject().put("id", rs.getString(1)).put("name", rs.getString(2))
                                .put("createdAt", rs.getTimestamp(3).toInstant().toString()));
                    }
                }
            }
            return out;
        }));
    }
}
