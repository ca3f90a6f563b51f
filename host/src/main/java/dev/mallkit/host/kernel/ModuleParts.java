package dev.mallkit.host.kernel;

import dev.mallkit.host.order.OrderEffect;
import dev.mallkit.host.store.EnableCheck;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What a started {@link MallkitModule} contributes to the host. Each has a default: a domain overrides what it has. */
public interface ModuleParts {

    /** Mounts the domain's routes; {@code /v1} is already behind authentication and the rate limit. */
    default void mount(Router router) {
    }

    /** @return the domain's effects of an order event, applied in this order after earlier modules' */
    default List<OrderEffect> orderEffects() {
        return List.of();
    }

    /** @return checks a merchant's enabling or reconfiguring a plugin on a store must pass */
    default List<EnableCheck> enableChecks() {
        return List.of();
    }

    /** @return the domain's periodic jobs, each run by one host of a cluster at a time */
    default List<Job> jobs() {
        return List.of();
    }

    /** @return fields the domain adds to {@code /health}, each computed per request */
    default Map<String, Supplier<Object>> health() {
        return Map.of();
    }
}
