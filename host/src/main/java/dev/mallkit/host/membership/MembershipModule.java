package dev.mallkit.host.membership;

import dev.mallkit.host.HostParts;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs membership into a host: the {@code points} order effect, the member routes, and the points
 * expiry job on a periodic timer. The period is {@code MALLKIT_POINTS_EXPIRY_PERIOD} (environment) or
 * {@code mallkit.points.expiry.period} (system property), an ISO-8601 duration, default {@code PT5M};
 * {@code PT0S} turns the timer off (then call {@link PointsExpiry#expireDue} yourself).
 */
public final class MembershipModule {
    private static final Logger LOG = LoggerFactory.getLogger(MembershipModule.class);
    static final Duration DEFAULT_PERIOD = Duration.ofMinutes(5);

    private MembershipModule() {
    }

    /** Registers the effect, mounts the routes and starts the expiry timer. */
    public static void install(HostParts parts) {
        PointsExpiry expiry = new PointsExpiry(parts.db());
        parts.orders().register(new PointsEffect());
        new MemberRoutes(parts.db(), parts.mix(), parts.tenants(), new Redemptions(parts.db(), parts.mix(), parts.clock()))
                .mount(parts.router());
        parts.scheduler().every(period(), "points expiry", () -> expiry.expireDue(parts.clock().instant()));
    }

    static Duration period() {
        String value = System.getenv("MALLKIT_POINTS_EXPIRY_PERIOD");
        if (value == null || value.isBlank()) {
            value = System.getProperty("mallkit.points.expiry.period");
        }
        if (value == null || value.isBlank()) {
            return DEFAULT_PERIOD;
        }
        Duration period = Duration.parse(value.trim());
        if (period.isNegative()) {
            throw new IllegalArgumentException("MALLKIT_POINTS_EXPIRY_PERIOD must not be negative: " + value);
        }
        return period;
    }
}
