package dev.mallkit.host.distribution;

import dev.mallkit.host.HostParts;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs distribution into a host: the routes, the {@code commissions} order effect, and a timer that
 * settles due commissions every minute (one run at a time per host; runs on several hosts are safe).
 */
public final class DistributionModule {
    private static final Logger LOG = LoggerFactory.getLogger(DistributionModule.class);
    private static final long SETTLE_EVERY_MS = 60_000;

    private DistributionModule() {
    }

    /** Mounts the routes, registers the effect and starts the settlement timer. */
    public static void install(HostParts parts) {
        CommissionLedger ledger = new CommissionLedger(parts.db());
        new DistributionRoutes(parts.db(), parts.mix(), parts.tenants(), new TreeReferralBinder(), parts.clock()).mount(parts.router());
        parts.orders().register(new CommissionEffect());
        AtomicBoolean running = new AtomicBoolean();
        parts.vertx().setPeriodic(SETTLE_EVERY_MS, id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            parts.db().offLoop(() -> ledger.settleDue(parts.clock().instant()))
                    .onComplete(done -> running.set(false))
                    .onSuccess(n -> {
                        if (n > 0) {
                            LOG.info("settled {} commissions", n);
                        }
                    })
                    .onFailure(e -> LOG.warn("commission settlement failed; the next run retries", e));
        });
    }
}
