package dev.mallkit.host.js;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderLine;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CurrentBinding;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.RedemptionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of one call as they cross into the guest: a signature (one character per argument: {@code c}
 * context, {@code e} order event, {@code m} member, {@code p} jump request, {@code b} binding request, {@code r}
 * redemption request, {@code s} list of strings, {@code j} any JSON) and a flat list of primitives — strings,
 * integers, doubles — that the bootstrap's decoders turn into plain objects. Only primitives cross, never a host
 * object. The shapes the extension points use on every call are sent field by field: the guest builds them
 * as object literals, where {@code JSON.parse} of the whole text took half of a warm call in the profile (lists
 * and maps as a count followed by their items, an absent object as a null); only the configs of {@code validate} and
 * {@code limits} stay JSON text. A ctx's config goes as JSON text
 * with an id: each sandbox parses a text once and hands every call its own copy. The objects the guest sees
 * are those of {@link JsInputs}' JSON, key order included.
 */
final class JsArgs {

    /** Configs are immutable and shared by a store's calls: their JSON is written once, not per call. */
    private static final ConfigJsonCache CONFIGS = new ConfigJsonCache(256);

    private final StringBuilder signature = new StringBuilder(4);
    private final List<Object> flat = new ArrayList<>(32);
    private long chars;
    private String storeId;

    /** {@code {storeId, now, config}}; the config goes as its text's id and the text, which a sandbox parses once per id */
    JsArgs context(PluginContext ctx) {
        signature.append('c');
        storeId = ctx.storeId();
        ConfigJsonCache.ConfigText config = CONFIGS.text(ctx.config(), c -> JsInputs.config(c).toString());
        text(ctx.storeId()).text(JsInstants.format(ctx.clock().instant()));
        // the id is a name, not input: it does not count towards the size of what the call is handed
        flat.add((double) config.id());
        return text(config.json());
    }

    /** {@code {orderId, type, seq, memberId, amount: {minor, currency}, lines: [{sku, quantity, amount, tags}], occurredAt}} */
    JsArgs event(OrderEvent event) {
        signature.append('e');
        text(event.orderId()).text(event.type().name()).number(event.seq()).text(event.memberId())
                .number(event.amount().minor()).text(event.amount().currency()).number(event.lines().size());
        for (OrderLine line : event.lines()) {
            text(line.sku()).number(line.quantity()).number(line.amount().minor()).text(line.amount().currency());
            // sorted, as the JSON of the set was; a set of one or none needs no sorting
            Set<String> tags = line.tags().size() < 2 ? line.tags() : new TreeSet<>(line.tags());
            number(tags.size());
            tags.forEach(this::text);
        }
        return text(JsInstants.format(event.occurredAt()));
    }

    /** {@code {memberId, points, growth, firstSeen, attributes}} */
    JsArgs member(MemberState member) {
        signature.append('m');
        text(member.memberId()).number(member.points()).number(member.growth()).text(JsInstants.format(member.firstSeen()));
        return stringMap(member.attributes());
    }

    /** {@code {roomId, viewerId, sharerId, attributionToken}} */
    JsArgs jump(JumpRequest request) {
        signature.append('p');
        return text(request.roomId()).text(request.viewerId()).textOrNull(request.sharerId()).text(request.attributionToken());
    }

    /** {@code {memberId, referrerId, source, at, memberFirstSeen, current: {referrerId, source, boundAt} | null}} */
    JsArgs binding(BindingRequest request) {
        signature.append('b');
        text(request.memberId()).text(request.referrerId()).text(request.source())
                .text(JsInstants.format(request.at())).text(JsInstants.format(request.memberFirstSeen()));
        CurrentBinding current = request.current();
        // a null where the current binding's referrer would be: no current binding
        return current == null ? textOrNull(null)
                : text(current.referrerId()).text(current.source()).text(JsInstants.format(current.boundAt()));
    }

    /** {@code {orderId, requestedPoints, orderAmount: {minor, currency} | null}} */
    JsArgs redemption(RedemptionRequest request) {
        signature.append('r');
        text(request.orderId()).number(request.requestedPoints());
        Money amount = request.orderAmount();
        return amount == null ? textOrNull(null) : number(amount.minor()).text(amount.currency());
    }

    /** {@code [string, ...]} */
    JsArgs strings(List<String> values) {
        signature.append('s');
        number(values.size());
        values.forEach(this::textOrNull);
        return this;
    }

    /** Any other argument, as JSON text. */
    JsArgs json(JsonNode value) {
        signature.append('j');
        return text(value.toString());
    }

    /**
     * The arguments of a call as a worker process receives them from the host.
     *
     * @param flat strings, integers, doubles and nulls, as {@link #flat()} gave them
     */
    static JsArgs received(String storeId, String signature, List<Object> flat) {
        JsArgs args = new JsArgs();
        args.storeId = storeId;
        args.signature.append(signature);
        args.flat.addAll(flat);
        return args;
    }

    /** @return one character per argument, as the bootstrap's decoders read them */
    String signature() {
        return signature.toString();
    }

    /** @return the primitives the arguments were flattened to, in order */
    List<Object> flat() {
        return flat;
    }

    /** @return the store of the call's ctx, whose sandboxes must run it, or null for a call without a ctx */
    String storeId() {
        return storeId;
    }

    /** @return about as many characters as the arguments' JSON text would have, to bound what a call is handed */
    long chars() {
        return chars;
    }

    /** @return the signature followed by the primitives, as the trampoline takes them after the exports and the name */
    Object[] values(Object exports, String function) {
        Object[] values = new Object[flat.size() + 3];
        values[0] = exports;
        values[1] = function;
        values[2] = signature.toString();
        for (int i = 0; i < flat.size(); i++) {
            values[i + 3] = flat.get(i);
        }
        return values;
    }

    /**
     * A count and the key-value pairs; a map with a {@code __proto__} key goes as JSON instead (-1, then the text),
     * since an assignment in the guest would set the prototype where {@code JSON.parse} defines a property.
     */
    private JsArgs stringMap(Map<String, String> map) {
        if (map.containsKey("__proto__")) {
            return number(-1).text(JsInputs.JSON.valueToTree(map).toString());
        }
        number(map.size());
        map.forEach((key, value) -> text(key).text(value));
        return this;
    }

    private JsArgs text(String value) {
        flat.add(value);
        chars += value.length() + 16;
        return this;
    }

    /** A string or null, which the guest receives as null. */
    private JsArgs textOrNull(String value) {
        if (value != null) {
            return text(value);
        }
        flat.add(null);
        chars += 20;
        return this;
    }

    /** A JSON integer becomes a JavaScript number: an int when it fits, else the nearest double, as JSON.parse reads it. */
    private JsArgs number(long value) {
        flat.add(value == (int) value ? (Object) (int) value : (Object) (double) value);
        chars += 20;
        return this;
    }
}
