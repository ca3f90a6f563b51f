package dev.mallkit.host.live;

import dev.mallkit.host.HostParts;
import dev.mallkit.host.distribution.ReferralBinder;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Installs the live-room domain: {@code GET .../live-rooms/{roomId}/jump-targets},
 * {@code POST .../jump-clicks} and {@code GET .../members/{memberId}/labels}.
 */
public final class LiveModule {
    /**
     * Viewers whose latest room a host remembers (see {@link LatestOffers}). An entry retains about 0.3 KiB plus
     * its offers text: about 0.85 KiB with the three first-party providers' five targets.
     */
    static final int LATEST_VIEWERS = 100_000;
    /** The estimated bytes those entries may retain: 48 MiB, i.e. about 58,000 viewers of five targets each. */
    static final long LATEST_BYTES = 48L << 20;
    /** How long a remembered latest room stands without a database check, should an announcement be lost. */
    static final Duration LATEST_MAX_AGE = Duration.ofSeconds(60);

    private LiveModule() {
    }

    /**
     * @param parts   the host's shared parts
     * @param binders the host's referral binder, read at each click; supplying null means no distribution
     *                domain is installed, and a shared viewer's click reports {@code referral.reason = NO_SCHEME}
     */
    public static void install(HostParts parts, Supplier<ReferralBinder> binders) {
        JumpTargets targets = new JumpTargets(parts.vertx(), parts.db(), parts.mix(), parts.clock(),
                new LatestOffers(LATEST_VIEWERS, LATEST_BYTES, LATEST_MAX_AGE.toNanos()));
        JumpClicks clicks = new JumpClicks(parts.db(), parts.mix(), binders, parts.clock());
        new LiveRoutes(parts.db(), parts.tenants(), targets, clicks).mount(parts.router());
    }
}
