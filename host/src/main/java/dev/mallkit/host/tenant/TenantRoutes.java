package dev.mallkit.host.tenant;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.http.Bodies;
import dev.mallkit.host.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Tenant routes: admin creates providers and merchants; merchants create stores and storefront keys. */
public final class TenantRoutes {
    private static final Set<String> TENANT_FIELDS = Set.of("id", "name");

    private final Tenants tenants;

    public TenantRoutes(Tenants tenants) {
        this.tenants = tenants;
    }

    public void mount(Router router) {
        router.post("/v1/admin/providers").handler(ctx -> createTenant(ctx, Role.PROVIDER));
        router.post("/v1/admin/merchants").handler(ctx -> createTenant(ctx, Role.MERCHANT));
        router.post("/v1/stores").handler(this::createStore);
        router.post("/v1/stores/:store/keys").handler(this::createKey);
    }

    private void createTenant(RoutingContext ctx, Role role) {
        Principal.require(ctx, Role.ADMIN);
        JsonObject body = Bodies.object(ctx);
        Bodies.onlyFields(body, TENANT_FIELDS);
        String id = Bodies.id(body, "id");
        String name = Bodies.name(body, "name");
        Responses.reply(ctx, 201, tenants.createTenant(role, id, name));
    }

    private void createStore(RoutingContext ctx) {
        Principal merchant = Principal.require(ctx, Role.MERCHANT);
        JsonObject body = Bodies.object(ctx);
        Bodies.onlyFields(body, TENANT_FIELDS);
        String id = Bodies.id(body, "id");
        String name = Bodies.name(body, "name");
        Responses.reply(ctx, 201, tenants.createStore(merchant.subject(), id, name));
    }

    private void createKey(RoutingContext ctx) {
        Principal merchant = Principal.require(ctx, Role.MERCHANT);
        String store = Bodies.pathId(ctx, "store");
        Responses.reply(ctx, 201, tenants.authorizeStore(merchant, store, false).compose(tenants::createStoreKey));
    }
}
