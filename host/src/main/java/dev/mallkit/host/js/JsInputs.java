package dev.mallkit.host.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallkit.api.Money;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CurrentBinding;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.membership.RedemptionRequest;
import java.time.Instant;
import java.util.Collection;

/**
 * The plain JSON shapes extension inputs take in JavaScript: field names as in the API records,
 * money as {@code {minor, currency}}, instants as ISO-8601 strings, and a ctx of
 * {@code {storeId, now, config}} instead of host objects. {@link JsArgs} sends the shapes of the extension points'
 * calls field by field; the JSON written here is their reference, which the tests hold the guest's objects to.
 */
final class JsInputs {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsInputs() {
    }

    static JsonNode config(PluginConfig config) {
        return JSON.valueToTree(config.asMap());
    }

    static ObjectNode money(Money money) {
        return NODES.objectNode().put("minor", money.minor()).put("currency", money.currency());
    }

    static ObjectNode redemption(RedemptionRequest request) {
        return NODES.objectNode()
                .put("orderId", request.orderId())
                .put("requestedPoints", request.requestedPoints())
                .set("orderAmount", request.orderAmount() == null ? NODES.nullNode() : money(request.orderAmount()));
    }

    static ObjectNode binding(BindingRequest request) {
        CurrentBinding current = request.current();
        return NODES.objectNode()
                .put("memberId", request.memberId())
                .put("referrerId", request.referrerId())
                .put("source", request.source())
                .put("at", instant(request.at()))
                .put("memberFirstSeen", instant(request.memberFirstSeen()))
                .set("current", current == null ? NODES.nullNode() : NODES.objectNode()
                        .put("referrerId", current.referrerId())
                        .put("source", current.source())
                        .put("boundAt", instant(current.boundAt())));
    }

    static ObjectNode jump(JumpRequest request) {
        return NODES.objectNode()
                .put("roomId", request.roomId())
                .put("viewerId", request.viewerId())
                .put("sharerId", request.sharerId())
                .put("attributionToken", request.attributionToken());
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }


    private static String instant(Instant instant) {
        return JsInstants.format(instant);
    }
}
