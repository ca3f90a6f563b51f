package dev.mallkit.host.order;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.http.Bodies;
import dev.mallkit.host.http.Responses;
import dev.mallkit.host.tenant.Tenants;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/** {@code POST /v1/stores/{store}/orders/{orderId}/events}: replay-safe order events. */
public final class OrderRoutes {
    private final OrderEvents events;
    private final Tenants tenants;
    private final Clock clock;

    public OrderRoutes(OrderEvents events, Tenants tenants, Clock clock) {
        this.events = events;
        this.tenants = tenants;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.post("/v1/stores/:store/orders/:orderId/events").handler(this::accept);
    }

    private void accept(RoutingContext ctx) {
        Principal caller = Principal.require(ctx, Role.STOREFRONT, Role.MERCHANT);
        String store = Bodies.pathId(ctx, "store");
        String orderId = Bodies.pathId(ctx, "orderId");
        JsonObject body = Bodies.object(ctx);
        OrderEventRequest request = OrderEventRequest.parse(orderId, body, clock.instant());
        tenants.authorizeStore(caller, store, true)
                .compose(s -> events.accept(s, request))
                .onSuccess(outcome -> {
                    if (outcome.replay()) {
                        ctx.response().putHeader("Idempotent-Replayed", "true");
                    }
                    // the body was encoded once, for the stored result
                    Responses.jsonText(ctx, 200, outcome.json());
                })
                .onFailure(ctx::fail);
    }
}
