package dev.mallkit.host.store;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.http.Bodies;
import dev.mallkit.host.http.Responses;
import dev.mallkit.host.tenant.Tenants;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The merchant's feature-mix routes. */
public final class FeatureRoutes {
    private static final int MAX_STORES = 500;

    private final FeatureCommands commands;
    private final FeatureView view;
    private final Tenants tenants;

    public FeatureRoutes(FeatureCommands commands, FeatureView view, Tenants tenants) {
        this.commands = commands;
        this.view = view;
        this.tenants = tenants;
    }

    public void mount(Router router) {
        router.get("/v1/stores/:store/features").handler(this::list);
        router.put("/v1/stores/:store/features/:pluginId").handler(this::put);
        router.delete("/v1/stores/:store/features/:pluginId").handler(this::delete);
        router.post("/v1/merchants/me/feature-mixes/apply").handler(this::apply);
    }

    private Future<String> ownStore(RoutingContext ctx) {
        Principal merchant = Principal.require(ctx, Role.MERCHANT);
        return tenants.authorizeStore(merchant, Bodies.pathId(ctx, "store"), false);
    }

    private void list(RoutingContext ctx) {
        Responses.reply(ctx, 200, ownStore(ctx).compose(view::list));
    }

    private void put(RoutingContext ctx) {
        Principal.require(ctx, Role.MERCHANT);
        JsonObject body = Bodies.object(ctx);
        String pluginId = Bodies.pathId(ctx, "pluginId");
        Responses.reply(ctx, 200, ownStore(ctx).compose(store -> commands.put(store, pluginId, body)));
    }

    private void delete(RoutingContext ctx) {
        String pluginId = Bodies.pathId(ctx, "pluginId");
        ownStore(ctx).compose(store -> commands.delete(store, pluginId))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private void apply(RoutingContext ctx) {
        Principal merchant = Principal.require(ctx, Role.MERCHANT);
        JsonObject body = Bodies.object(ctx);
        Bodies.onlyFields(body, Set.of("stores", "features"));
        JsonArray stores = array(body, "stores");
        JsonArray features = array(body, "features");
        if (stores.isEmpty() || stores.size() > MAX_STORES) {
            throw new HostError(ErrorCode.FIELD_INVALID, "stores must list 1-" + MAX_STORES + " stores", new JsonArray().add("stores"));
        }
        Set<String> storeIds = new LinkedHashSet<>();
        for (Object store : stores) {
            if (!(store instanceof String id)) {
                throw new HostError(ErrorCode.FIELD_INVALID, "stores must be store ids", new JsonArray().add("stores"));
            }
            storeIds.add(Bodies.checkId(id, "stores"));
        }
        List<FeatureRequest> requests = new ArrayList<>();
        features.forEach(f -> requests.add(FeatureRequest.parseMixEntry(f)));
        Future<Void> owned = Future.succeededFuture();
        for (String store : storeIds) {
            owned = owned.compose(v -> tenants.authorizeStore(merchant, store, false).mapEmpty());
        }
        Responses.reply(ctx, 200, owned.compose(v -> commands.apply(List.copyOf(storeIds), requests)));
    }

    private static JsonArray array(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof JsonArray array)) {
            throw new HostError(value == null ? ErrorCode.FIELD_REQUIRED : ErrorCode.FIELD_INVALID, field + " must be an array", new JsonArray().add(field));
        }
        return array;
    }
}
