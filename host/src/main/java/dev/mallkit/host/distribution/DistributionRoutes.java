package dev.mallkit.host.distribution;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.http.Bodies;
import dev.mallkit.host.http.Responses;
import dev.mallkit.host.store.FeatureMix;
import dev.mallkit.host.tenant.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Set;

/** The distribution routes: referrals, a member's team and commission ledger, and the platform policy. */
final class DistributionRoutes {
    private static final String SOURCE = "[a-z0-9][a-z0-9-]{0,31}";
    private static final int UPLINE_SHOWN = 100;
    private final Database db;
    private final FeatureMix mix;
    private final Tenants tenants;
    private final ReferralBinder binder;
    private final Clock clock;

    DistributionRoutes(Database db, FeatureMix mix, Tenants tenants, ReferralBinder binder, Clock clock) {
        this.db = db;
        this.mix = mix;
        this.tenants = tenants;
        this.binder = binder;
        this.clock = clock;
    }

    void mount(Router router) {
        router.post("/v1/stores/:store/referrals").handler(this::refer);
        router.get("/v1/stores/:store/members/:memberId/team").handler(this::team);
        router.get("/v1/stores/:store/members/:memberId/commissions").handler(this::commissions);
        router.get("/v1/admin/distribution-policy").handler(this::policy);
        router.put("/v1/admin/distribution-policy").handler(this::putPolicy);
    }

    private void refer(RoutingContext ctx) {
        Principal caller = Principal.require(ctx, Role.STOREFRONT, Role.MERCHANT);
        String store = Bodies.pathId(ctx, "store");
        JsonObject body = Bodies.object(ctx);
        Bodies.onlyFields(body, Set.of("memberId", "referrerId", "source"));
        String memberId = Bodies.id(body, "memberId");
        String referrerId = Bodies.id(body, "referrerId");
        String source = body.getValue("source") == null ? "share-link" : Bodies.string(body, "source");
        if (!source.matches(SOURCE)) {
            throw new HostError(ErrorCode.FIELD_INVALID, "source must match " + SOURCE, new JsonArray().add("source"));
        }
        Responses.reply(ctx, 200, tenants.authorizeStore(caller, store, true).compose(s -> db.offLoop(() -> {
            var snapshot = mix.snapshot(s);
            ReferralBinder.Outcome outcome = db.inTransaction(c -> binder.bind(c, snapshot, s, memberId, referrerId, source, clock.instant()));
            return new JsonObject().put("bound", outcome.bound()).put("referrerId", outcome.referrerId()).put("reason", outcome.reason());
        })));
    }

    private void team(RoutingContext ctx) {
        Principal caller = Principal.require(ctx, Role.STOREFRONT, Role.MERCHANT);
        String store = Bodies.pathId(ctx, "store");
        String memberId = Bodies.pathId(ctx, "memberId");
        Responses.reply(ctx, 200, tenants.authorizeStore(caller, store, true).compose(s -> db.read(c -> {
            ReferralCounts.Team team = ReferralCounts.of(c, s, memberId);
            return new JsonObject()
                    .put("memberId", memberId)
                    .put("directCount", team.directCount())
                    .put("downlineSize", team.downlineSize())
                    .put("upline", new JsonArray(ReferralTree.ancestors(c, s, memberId, UPLINE_SHOWN)));
        })));
    }

    private void commissions(RoutingContext ctx) {
        Principal caller = Principal.require(ctx, Role.STOREFRONT, Role.MERCHANT);
        String store = Bodies.pathId(ctx, "store");
        String memberId = Bodies.pathId(ctx, "memberId");
        int limit = limit(ctx.queryParams().get("limit"));
        Responses.reply(ctx, 200, tenants.authorizeStore(caller, store, true)
                .compose(s -> db.read(c -> CommissionLedger.entries(c, s, memberId, limit))));
    }

    private void policy(RoutingContext ctx) {
        Principal.require(ctx, Role.ADMIN);
        Responses.reply(ctx, 200, db.read(c -> DistributionPolicy.load(c).toJson()));
    }

    private void putPolicy(RoutingContext ctx) {
        Principal.require(ctx, Role.ADMIN);
        JsonObject body = Bodies.object(ctx);
        Bodies.onlyFields(body, Set.of("maxLevels", "maxTotalRateBps"));
        DistributionPolicy policy = new DistributionPolicy(whole(body, "maxLevels"), whole(body, "maxTotalRateBps"));
        Responses.reply(ctx, 200, db.tx(c -> {
            policy.save(c);
            return policy.toJson();
        }));
    }

    private static int whole(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            throw new HostError(ErrorCode.FIELD_REQUIRED, field + " is required", new JsonArray().add(field));
        }
        if (!(value instanceof Integer i)) {
            throw new HostError(ErrorCode.FIELD_INVALID, field + " must be a whole number", new JsonArray().add(field));
        }
        return i;
    }

    private static int limit(String value) {
        if (value == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HostError(ErrorCode.FIELD_INVALID, "limit must be from 1 to 1000", new JsonArray().add("limit"));
    }
}
