package dev.mallkit.host.order;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One domain's effect of an order event (points, commissions ...). Effects run inside the event's
 * transaction, after the idempotency key was claimed, so each applies exactly once per event.
 */
public interface OrderEffect {

    /** @return the field of the response body this effect fills, e.g. {@code points} */
    String key();

    /**
     * Applies the event. Called for every accepted event whatever the store runs; an effect whose
     * extension point the store does not run returns its empty result.
     *
     * @return a JSON value (JsonObject, JsonArray) for the response under {@link #key()}
     */
    Object apply(Connection c, OrderContext order) throws SQLException;
}
