package dev.mallkit.host.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderLine;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CurrentBinding;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.RedemptionRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The plain JSON shapes extension inputs take in JavaScript: field names as in the API records,
 * money as {@code {minor, currency}}, instants as ISO-8601 strings, and a ctx of
 * {@code {storeId, config, now}} instead of host objects.
 */
final class JsInputs {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Configs are immutable and shared by a store's calls: their JSON is written once, not per call. */
    private static final ConfigJsonCache CONFIGS = new ConfigJsonCache(256);

    private JsInputs() {
    }

    static ObjectNode context(PluginContext ctx) {
        return NODES.objectNode()
                .put("storeId", ctx.storeId())
                .put("now", instant(ctx.clock().instant()))
                .putRawValue("config", new RawValue(CONFIGS.json(ctx.config(), config -> config(config).toString())));
    }

    static JsonNode config(PluginConfig config) {
        return JSON.valueToTree(config.asMap());
    }

    static ObjectNode money(Money money) {
        return NODES.objectNode().put("minor", money.minor()).put("currency", money.currency());
    }

    static ObjectNode event(OrderEvent event) {
        ArrayNode lines = NODES.arrayNode();
        for (OrderLine line : event.lines()) {
            lines.addObject()
                    .put("sku", line.sku())
                    .put("quantity", line.quantity())
                    .<ObjectNode>set("amount", money(line.amount()))
                    .set("tags", strings(new TreeSet<>(line.tags())));
        }
        return NODES.objectNode()
                .put("orderId", event.orderId())
                .put("type", event.type().name())
                .put("seq", event.seq())
                .put("memberId", event.memberId())
                .<ObjectNode>set("amount", money(event.amount()))
                .<ObjectNode>set("lines", lines)
                .put("occurredAt", instant(event.occurredAt()));
    }

    static ObjectNode member(MemberState member) {
        return NODES.objectNode()
                .put("memberId", member.memberId())
                .put("points", member.points())
                .put("growth", member.growth())
                .put("firstSeen", instant(member.firstSeen()))
                .set("attributes", JSON.valueToTree(member.attributes()));
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

    /** @return the JSON array text of a call's arguments */
    static String arguments(JsonNode... args) {
        ArrayNode array = NODES.arrayNode();
        for (JsonNode arg : args) {
            array.add(arg);
        }
        return array.toString();
    }

    private static String instant(Instant instant) {
        return JsInstants.format(instant);
    }
}
