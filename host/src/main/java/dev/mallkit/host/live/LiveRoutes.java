package dev.mallkit.host.live;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.http.Bodies;
import dev.mallkit.host.http.Responses;
import dev.mallkit.host.tenant.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/** Live-room routes: jump targets, jump clicks and member labels. */
final class LiveRoutes {
    private static final int TARGET_ID_MAX = 160;

    private final Database db;
    private final Tenants tenants;
    private final JumpTargets targets;
    private final JumpClicks clicks;

    LiveRoutes(Database db, Tenants tenants, JumpTargets targets, JumpClicks clicks) {
        this.db = db;
        this.tenants = tenants;
        this.targets = targets;
        this.clicks = clicks;
    }

    void mount(Router router) {
        router.get("/v1/stores/:store/live-rooms/:roomId/jump-targets").handler(this::jumpTargets);
        router.post("/v1/stores/:store/jump-clicks").handler(this::jumpClick);
        router.get("/v1/stores/:store/members/:memberId/labels").handler(this::labels);
    }

    private void jumpTargets(RoutingContext ctx) {
        Principal caller = Principal.require(ctx, Role.STOREFRONT, Role.MERCHANT);
        String store = Bodies.pathId(ctx, "store");
        String room = Bodies.pathId(ctx, "roomId");
        String viewer = query(ctx, "viewer", true);
        String sharer = query(ctx, "sharer", false);
        Responses.replyText(ctx, 200, tenants.authorizeStore(caller, store, true).compose(s -> targets.offer(s, room, viewer, sharer)));
    }

    private void jumpClick(RoutingContext ctx) {
        Principal caller = Principal.require(ctx, Role.STOREFRONT);
        String store = Bodies.pathId(ctx, "store");
        JsonObject body = Bodies.object(ctx);
        Bodies.onlyFields(body, Set.of("targetId", "viewer", "token"));
        String targetId = Bodies.string(body, "targetId");
        if (targetId.isEmpty() || targetId.length() > TARGET_ID_MAX) {
            throw new HostError(ErrorCode.FIELD_INVALID, "targetId must be 1-" + TARGET_ID_MAX + " characters", new JsonArray().add("targetId"));
        }
        String viewer = Bodies.id(body, "viewer");
        String token = body.getValue("token") == null ? null : Bodies.string(body, "token");
        Responses.reply(ctx, 200, tenants.authorizeStore(caller, store, true).compose(s -> clicks.click(s, targetId, viewer, token)));
    }

    private void labels(RoutingContext ctx) {
        Principal caller = Principal.require(ctx, Role.STOREFRONT, Role.MERCHANT);
        String store = Bodies.pathId(ctx, "store");
        String member = Bodies.pathId(ctx, "memberId");
        Responses.reply(ctx, 200, tenants.authorizeStore(caller, store, true)
                .compose(s -> db.read(c -> MemberLabels.list(c, s, member))));
    }

    /** @return the query parameter checked as an id; null when absent and optional */
    private static String query(RoutingContext ctx, String name, boolean required) {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty() || values.getFirst().isEmpty()) {
            if (required) {
                throw new HostError(ErrorCode.FIELD_REQUIRED, "query parameter " + name + " is required", new JsonArray().add(name));
            }
            return null;
        }
        return Bodies.checkId(values.getFirst(), name);
    }
}
