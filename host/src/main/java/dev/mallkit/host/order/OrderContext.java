package dev.mallkit.host.order;

import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.host.store.StoreSnapshot;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * An accepted order event and what effects need to apply it.
 *
 * @param storeId     the store
 * @param snapshot    the store's feature mix when the event arrived
 * @param event       the event as plugins see it
 * @param attribution the optional attribution object of the request ({@code token}, {@code sharerId}), or null
 * @param paid        the amount paid for the whole order (equals the event amount for PAID)
 * @param refunded    the amount refunded before this event (0 for PAID)
 * @param receivedAt  when the host accepted it
 * @param memberFirstSeen when the store first saw the event's member (the event's transaction recorded it if new)
 */
public record OrderContext(String storeId, StoreSnapshot snapshot, OrderEvent event, JsonObject attribution,
                           Money paid, Money refunded, Instant receivedAt, Instant memberFirstSeen) {
}
