package dev.mallkit.host.reliability;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant sending ten times its quota gets 429 RATE_LIMITED with Retry-After for the excess, while another
 * tenant within its quota, at the same time, is never limited.
 */
class RateLimitApiTest {
    private static final int RATE = 5;
    private static final int BURST = 10;

    @Test
    void aTenantAtTenTimesItsQuotaIsLimitedAndOthersAreNot() throws Exception {
        Tenancy tenancy = startLimited();
        try (tenancy; ExecutorService pool = Executors.newFixedThreadPool(7)) {
            String pathA = "/v1/stores/" + tenancy.storeA + "/members/" + Tenancy.MEMBER;
            String pathB = "/v1/stores/" + tenancy.storeB + "/members/" + Tenancy.MEMBER;
            String tokenA = tenancy.actor("storefront A").token();
            String tokenB = tenancy.actor("storefront B").token();
            long start = System.nanoTime();
            List<Future<List<Response>>> noisy = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                noisy.add(pool.submit(() -> {
                    List<Response> out = new ArrayList<>();
                    // 6 threads as fast as they can for 3 s: well over 50/s, ten times the quota of 5/s
                    while (System.nanoTime() - start < 3_000_000_000L) {
                        out.add(tenancy.host.get(pathA, tokenA));
                    }
                    return out;
                }));
            }
            Future<List<Response>> quiet = pool.submit(() -> {
                List<Response> out = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    out.add(tenancy.host.get(pathB, tokenB));
                    Thread.sleep(300); // about 3/s, within B's quota of 5/s
                }
                return out;
            });
            List<Response> a = new ArrayList<>();
            for (Future<List<Response>> f : noisy) {
                a.addAll(f.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Response> limited = a.stream().filter(r -> r.status() == 429).toList();
            long ok = a.stream().filter(r -> r.status() == 200).count();

            assertThat(a.size() / seconds).as("offered rate of A").isGreaterThanOrEqualTo(RATE * 10.0);
            assertThat(ok + limited.size()).isEqualTo(a.size());
            assertThat(ok).isBetween((long) BURST, (long) (BURST + RATE * seconds + 2));
            assertThat(limited).allSatisfy(r -> {
                assertThat(r.errorCode()).isEqualTo("RATE_LIMITED");
                assertThat(Integer.parseInt(r.headers().get("retry-after").getFirst())).isBetween(1, 2);
            });
            assertThat(quiet.get()).extracting(Response::status).containsOnly(200);
            System.out.printf("rate limit: A offered %.0f req/s for %.2f s, %d allowed, %d limited; B 10/10 allowed at 3/s%n",
                    a.size() / seconds, seconds, ok, limited.size());
        }
    }

    /** The host reads its limits at creation; the property is set only for that moment (tests run sequentially). */
    private static Tenancy startLimited() {
        System.setProperty("mallkit.rate.limit", Integer.toString(RATE));
        System.setProperty("mallkit.rate.burst", Integer.toString(BURST));
        try {
            return new Tenancy(DbKind.H2, Map.of());
        } finally {
            System.clearProperty("mallkit.rate.limit");
            System.clearProperty("mallkit.rate.burst");
        }
    }
}
