package dev.mallkit.host.marketplace;

import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.http.Bodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Small text helpers of the marketplace routes. */
final class Texts {
    private Texts() {
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** @return the required {@code reason} of a {@code {reason}} body: 1-500 characters */
    static String reason(RoutingContext ctx) {
        JsonObject body = Bodies.object(ctx);
        Bodies.onlyFields(body, Set.of("reason"));
        String reason = Bodies.string(body, "reason").strip();
        if (reason.isEmpty() || reason.length() > 500) {
            throw new HostError(ErrorCode.FIELD_INVALID, "reason must be 1-500 characters", new JsonArray().add("reason"));
        }
        return reason;
    }
}
