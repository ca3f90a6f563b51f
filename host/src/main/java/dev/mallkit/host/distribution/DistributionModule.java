package dev.mallkit.host.distribution;

import dev.mallkit.host.HostParts;
import java.time.Duration;

/**
 * Installs distribution into a host: the routes, the {@code commissions} order effect, and a timer that
 * settles due commissions every minute (one run at a time per host; runs on several hosts are safe).
 */
public final class DistributionModule {
    private static final long SETTLE_EVERY_MS = 60_000;

    private DistributionModule() {
    }

    /** Mounts the routes, registers the effect and starts the settlement timer. */
    public static void install(HostParts parts) {
        CommissionLedger ledger = new CommissionLedger(parts.db());
        new DistributionRoutes(parts.db(), parts.mix(), parts.tenants(), new TreeReferralBinder(), parts.clock()).mount(parts.router());
        parts.orders().register(new CommissionEffect());
        parts.scheduler().every(Duration.ofMillis(SETTLE_EVERY_MS), "commission settlement",
                () -> ledger.settleDue(parts.clock().instant()));
    }
}
