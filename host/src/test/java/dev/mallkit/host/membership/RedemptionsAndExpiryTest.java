package dev.mallkit.host.membership;

import dev.mallkit.host.guard.GuardKey;
import dev.mallkit.host.guard.GuardPolicy;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The member view, redemptions (idempotent, never negative under concurrency) and FIFO points expiry. */
@ParameterizedClass
@EnumSource(DbKind.class)
class RedemptionsAndExpiryTest extends MembershipHostTest {
    static JsonObject redemption(String orderId, long points) {
        return new JsonObject().put("orderId", orderId).put("points", points);
    }

    @Test
    void memberViewShowsTierAndIsScopedToTheStore() {
        var store = fixture.store().enable("membership-tiers", new JsonObject());
        var other = fixture.store();
        store.paid("o-1", "hana", 600_000);
        Response view = store.member("hana");
        assertThat(view.status()).isEqualTo(200);
        JsonObject json = view.json();
        assertThat(json.fieldNames()).contains("memberId", "tier", "tierName", "points", "growth", "discountBps", "perks",
                "attributes", "firstSeen");
        assertThat(json.getString("tier")).isEqualTo("gold");
        assertThat(json.getString("tierName")).isEqualTo("Gold");
        assertThat(json.getInteger("discountBps")).isEqualTo(500);
        assertThat(json.getLong("points")).isEqualTo(6000);
        assertThat(json.getLong("growth")).isEqualTo(600_000);
        assertThat(fixture.host.get("/v1/stores/" + store.id + "/members/hana", store.merchant).status()).isEqualTo(200);

        assertThat(store.member("nobody").status()).isEqualTo(404);
        assertThat(fixture.host.get("/v1/stores/" + store.id + "/members/hana", other.storefront).status()).isEqualTo(404);
    }

    @Test
    void redemptionDebitsOnceAndRefusesWhatTheBalanceCannotCover() throws Exception {
        var store = fixture.store().enable("membership-tiers", new JsonObject().put("pointValueMinor", 2));
        store.paid("o-1", "ivan", 10_000);

        Response first = store.redeem("ivan", redemption("o-2", 40));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().getLong("points")).isEqualTo(40);
        assertThat(first.json().getLong("amount")).isEqualTo(80);
        assertThat(first.json().getString("currency")).isEqualTo("CNY");
        assertThat(first.json().getLong("balance")).isEqualTo(60);

        Response repeat = store.redeem("ivan", redemption("o-2", 40));
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(repeat.headers().get("idempotent-replayed")).containsExactly("true");
        assertThat(store.redeem("ivan", redemption("o-2", 41)).errorCode()).isEqualTo("IDEMPOTENCY_MISMATCH");

        Response tooMany = store.redeem("ivan", redemption("o-3", 61));
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.errorCode()).isEqualTo("INSUFFICIENT_POINTS");
        assertThat(store.balance("ivan")).isEqualTo(60);
        assertThat(store.ledger("ivan")).containsExactly("AWARD:100", "REDEMPTION:-40");
    }

    @Test
    void programCapsRedemptionByOrderAmount() {
        var store = fixture.store().enable("membership-tiers", new JsonObject().put("redeemCapBps", 1000));
        store.paid("o-1", "jo", 100_000);
        Response capped = store.redeem("jo", redemption("o-2", 500).put("orderAmount", 2_000).put("currency", "CNY"));
        assertThat(capped.json().getLong("points")).isEqualTo(200);
        assertThat(capped.json().getString("reason")).contains("10%");
        assertThat(store.redeem("jo", redemption("o-3", 5).put("currency", "CNY")).errorCode()).isEqualTo("FIELD_INVALID");
    }

    @Test
    void concurrentRedemptionsNeverOverdrawAndMatchTheSequentialResult() throws Exception {
        var store = fixture.store().enable("membership-tiers", new JsonObject());
        // the default bulkhead (8 calls at once) would turn part of the burst into 503s; this test is about the ledger
        fixture.host.mallkit().invoker().configure(new GuardKey("membership-tiers", "1.0.0", store.id),
                new GuardPolicy(Duration.ofSeconds(5), 512, 1000, Duration.ofSeconds(1)));
        store.paid("o-0", "kim", 100_000);
        assertThat(store.balance("kim")).isEqualTo(1000);

        List<Future<Response>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                String order = "r-" + i;
                calls.add(pool.submit(() -> store.redeem("kim", redemption(order, 7))));
            }
        }
        List<Long> balancesAfter = new ArrayList<>();
        int refused = 0;
        for (Future<Response> call : calls) {
            Response r = call.get();
            if (r.status() == 200) {
                balancesAfter.add(r.json().getLong("balance"));
            } else {
                assertThat(r.errorCode()).as(r.text()).isEqualTo("INSUFFICIENT_POINTS");
                refused++;
            }
        }
        // sequentially: 142 redemptions of 7 fit in 1000, 58 are refused, 6 points remain
        assertThat(balancesAfter).hasSize(142).doesNotHaveDuplicates().allMatch(b -> b >= 0);
        assertThat(refused).isEqualTo(58);
        assertThat(store.balance("kim")).isEqualTo(6);
        assertThat(store.cachedPoints("kim")).isEqualTo(6);
    }

    @Test
    void expiryConsumesRedemptionsFromTheOldestAwardAndRunsOnce() throws Exception {
        var store = fixture.store().enable("membership-tiers", new JsonObject().put("pointsValidityDays", 1));
        Instant now = Instant.now();
        store.points("o-a", MembershipFixture.paidBody("lee", 10_000).put("occurredAt", now.minus(Duration.ofHours(12)).toString()));
        store.points("o-b", MembershipFixture.paidBody("lee", 5_000).put("occurredAt", now.toString()));
        assertThat(store.redeem("lee", redemption("o-c", 30)).status()).isEqualTo(200);

        PointsExpiry expiry = new PointsExpiry(fixture.host.mallkit().database());
        assertThat(expiry.expireDue(now)).isZero();
        // the first award (100) paid the redemption, so 70 of it expire and the second award stays whole
        assertThat(expiry.expireDue(now.plus(Duration.ofHours(13)))).isEqualTo(1);
        assertThat(store.balance("lee")).isEqualTo(50);
        assertThat(expiry.expireDue(now.plus(Duration.ofHours(13)))).isZero();

        assertThat(expiry.expireDue(now.plus(Duration.ofHours(25)))).isEqualTo(1);
        assertThat(expiry.expireDue(now.plus(Duration.ofHours(26)))).isZero();
        assertThat(store.balance("lee")).isZero();
        assertThat(store.ledger("lee")).containsExactly("AWARD:100", "AWARD:50", "REDEMPTION:-30", "EXPIRY:-70", "EXPIRY:-50");
        assertThat(store.cachedPoints("lee")).isZero();
    }
}
