package dev.mallkit.host.live;

import dev.mallkit.host.HostParts;
import dev.mallkit.host.distribution.ReferralBinder;
import java.util.function.Supplier;

/**
 * Installs the live-room domain: {@code GET .../live-rooms/{roomId}/jump-targets},
 * {@code POST .../jump-clicks} and {@code GET .../members/{memberId}/labels}.
 */
public final class LiveModule {
    private LiveModule() {
    }

    /**
     * @param parts   the host's shared parts
     * @param binders the host's referral binder, read at each click; supplying null means no distribution
     *                domain is installed, and a shared viewer's click reports {@code referral.reason = NO_SCHEME}
     */
    public static void install(HostParts parts, Supplier<ReferralBinder> binders) {
        JumpTargets targets = new JumpTargets(parts.db(), parts.mix(), parts.clock());
        JumpClicks clicks = new JumpClicks(parts.db(), parts.mix(), binders, parts.clock());
        new LiveRoutes(parts.db(), parts.tenants(), targets, clicks).mount(parts.router());
    }
}
