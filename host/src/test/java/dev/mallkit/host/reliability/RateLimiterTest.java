package dev.mallkit.host.reliability;

import dev.mallkit.host.ratelimit.RateLimitSettings;
import dev.mallkit.host.ratelimit.RateLimiter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token buckets on a driven clock: bursts, refills, sustained rates, isolation between callers. */
class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(new RateLimitSettings(10, 20), now::get);

    @Test
    void aQuietCallerMayBurstThenWaitsOneInterval() {
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.acquire("merchant:a")).isZero();
        }
        assertThat(limiter.acquire("merchant:a")).isEqualTo(100_000_000L);
        now.addAndGet(100_000_000L);
        assertThat(limiter.acquire("merchant:a")).isZero();
        assertThat(limiter.acquire("merchant:a")).isPositive();
    }

    @Test
    void aCallerAtTenTimesItsRateGetsExactlyItsRatePlusBurst() {
        int allowed = 0;
        // 100 requests per second for 10 simulated seconds, one per 10 ms
        for (int i = 0; i < 1_000; i++) {
            if (limiter.acquire("storefront:a") == 0) {
                allowed++;
            }
            now.addAndGet(10_000_000L);
        }
        assertThat(allowed).isBetween(20 + 100 - 1, 20 + 100 + 1);
    }

    @Test
    void oneCallerExhaustingItsBucketLeavesOthersUntouched() {
        while (limiter.acquire("merchant:a") == 0) {
            // drain a's bucket
        }
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.acquire("merchant:b")).isZero();
        }
    }

    @Test
    void settingsComeFromTheEnvironmentWithGenerousDefaults() {
        assertThat(RateLimitSettings.from(Map.of())).isEqualTo(new RateLimitSettings(200, 400));
        assertThat(RateLimitSettings.from(Map.of("MALLKIT_RATE_LIMIT", "5"))).isEqualTo(new RateLimitSettings(5, 10));
        assertThat(RateLimitSettings.from(Map.of("MALLKIT_RATE_LIMIT", "5", "MALLKIT_RATE_BURST", "7")))
                .isEqualTo(new RateLimitSettings(5, 7));
        assertThat(new RateLimiter(RateLimitSettings.from(Map.of("MALLKIT_RATE_LIMIT", "0")), now::get).acquire("x")).isZero();
        assertThatThrownBy(() -> RateLimitSettings.from(Map.of("MALLKIT_RATE_LIMIT", "fast")))
                .hasMessageContaining("MALLKIT_RATE_LIMIT");
        assertThatThrownBy(() -> new RateLimitSettings(10, 0)).hasMessageContaining("MALLKIT_RATE_BURST");
    }
}
