package dev.mallkit.testkit;

import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/** Invariants of {@link LiveJumpProvider}. */
final class LiveJumpConformance {
    private LiveJumpConformance() {
    }

    static void check(LiveJumpProvider provider, Supplier<TestContext> contexts, Probe probe) {
        for (JumpRequest request : SampleInputs.jumpRequests()) {
            String what = "targets(" + request.roomId() + ", sharer " + request.sharerId() + ")";
            probe.twice(what, () -> provider.targets(contexts.get(), request)).ifPresent(targets -> {
                Set<String> ids = new HashSet<>();
                for (JumpTarget target : targets) {
                    probe.require(target != null && ids.add(target.id()), "DUPLICATE_TARGET_ID",
                            what + " offers target " + (target == null ? "null" : target.id()) + " twice");
                }
            });
        }
    }
}
