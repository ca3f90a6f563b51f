package dev.mallkit.host.membership;

import dev.mallkit.api.membership.MemberBenefits;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.http.Bodies;
import dev.mallkit.host.http.Responses;
import dev.mallkit.host.store.Bound;
import dev.mallkit.host.store.FeatureMix;
import dev.mallkit.host.tenant.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The member view and point redemptions, for storefronts and merchants. */
final class MemberRoutes {
    private final Database db;
    private final FeatureMix mix;
    private final Tenants tenants;
    private final Redemptions redemptions;

    MemberRoutes(Database db, FeatureMix mix, Tenants tenants, Redemptions redemptions) {
        this.db = db;
        this.mix = mix;
        this.tenants = tenants;
        this.redemptions = redemptions;
    }

    void mount(Router router) {
        router.get("/v1/stores/:store/members/:memberId").handler(this::view);
        router.post("/v1/stores/:store/members/:memberId/redemptions").handler(this::redeem);
    }

    private void view(RoutingContext ctx) {
        Principal caller = Principal.require(ctx, Role.STOREFRONT, Role.MERCHANT);
        String store = Bodies.pathId(ctx, "store");
        String memberId = Bodies.pathId(ctx, "memberId");
        Responses.reply(ctx, 200, tenants.authorizeStore(caller, store, true).compose(s -> db.offLoop(() -> view(s, memberId))));
    }

    /**
     * {@code {memberId, program, tier, tierName, points, growth, debt, discountBps, pointsMultiplierBps, perks,
     * attributes, firstSeen}}; tier fields are null when the store runs no membership program.
     */
    private JsonObject view(String storeId, String memberId) throws Exception {
        MemberReads.Read member = db.inTransaction(c -> MemberReads.read(c, storeId, memberId));
        MemberState state = member.state();
        Optional<Bound<MembershipProgram>> program = mix.snapshot(storeId).exclusive(MembershipProgram.class);
        MemberBenefits benefits = program.map(p -> p.call((ext, pc) -> ext.benefits(pc, state))).orElse(null);
        return new JsonObject()
                .put("memberId", memberId)
                .put("program", program.map(Bound::pluginId).orElse(null))
                .put("tier", benefits == null ? null : benefits.tier())
                .put("tierName", benefits == null ? null : benefits.tierName())
                .put("points", state.points())
                .put("growth", state.growth())
                .put("debt", member.debt())
                .put("discountBps", benefits == null ? 0 : benefits.discount().value())
                .put("pointsMultiplierBps", benefits == null ? null : benefits.pointsMultiplier().value())
                .put("perks", new JsonArray(benefits == null ? List.of() : benefits.perks()))
                .put("attributes", new JsonObject(new TreeMap<String, Object>(state.attributes())))
                .put("firstSeen", state.firstSeen().toString());
    }

    private void redeem(RoutingContext ctx) {
        Principal caller = Principal.require(ctx, Role.STOREFRONT, Role.MERCHANT);
        String store = Bodies.pathId(ctx, "store");
        String memberId = Bodies.pathId(ctx, "memberId");
        RedemptionInput input = RedemptionInput.parse(Bodies.object(ctx));
        tenants.authorizeStore(caller, store, true)
                .compose(s -> db.offLoop(() -> redemptions.redeem(s, memberId, input)))
                .onSuccess(outcome -> {
                    if (outcome.replay()) {
                        ctx.response().putHeader("Idempotent-Replayed", "true");
                    }
                    Responses.json(ctx, 200, outcome.body());
                })
                .onFailure(ctx::fail);
    }
}
