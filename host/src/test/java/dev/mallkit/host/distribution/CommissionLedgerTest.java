package dev.mallkit.host.distribution;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Commissions over HTTP: capture at PAID, proportional reversal, settlement, clawback and policy refusal. */
@ParameterizedClass
@EnumSource(DbKind.class)
class CommissionLedgerTest {
    @Parameter
    DbKind kind;

    DistributionHost d;

    @BeforeEach
    void start() {
        // 10% to the referrer, 5% to theirs, frozen 7 days
        d = DistributionHost.start(kind, new JsonObject().put("levelRatesBps", new JsonArray().add(1000).add(500)).put("frozenDays", 7));
        d.refer("b", "a");
        d.refer("buyer", "b");
    }

    @AfterEach
    void stop() {
        if (d != null) {
            d.close();
        }
    }

    private static JsonObject event(String type, long seq, long amount) {
        return new JsonObject().put("type", type).put("seq", seq).put("memberId", "buyer").put("currency", "CNY").put("amount", amount)
                .put("lines", new JsonArray().add(new JsonObject().put("sku", "tea").put("quantity", 1).put("amount", amount)));
    }

    private JsonArray ledger(String memberId) {
        Response r = d.host.get("/v1/stores/s1/members/" + memberId + "/commissions", d.storefront);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array();
    }

    @Test
    void paidOrderCapturesPendingCommissionsForTheUpline() {
        Response r = d.event("o1", event("PAID", 1, 19_900));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonArray commissions = r.json().getJsonArray("commissions");
        assertThat(commissions).hasSize(2);
        assertThat(commissions.getJsonObject(0).copy().put("settleAfter", "x")).isEqualTo(new JsonObject().put("beneficiaryId", "b")
                .put("level", 1).put("amount", 1_990).put("currency", "CNY").put("status", "PENDING").put("settleAfter", "x"));
        assertThat(commissions.getJsonObject(1).getString("beneficiaryId")).isEqualTo("a");
        assertThat(commissions.getJsonObject(1).getLong("amount")).isEqualTo(995);
        Instant settleAfter = Instant.parse(commissions.getJsonObject(0).getString("settleAfter"));
        assertThat(Duration.between(Instant.now(), settleAfter)).isBetween(Duration.ofDays(7).minusMinutes(1), Duration.ofDays(7));
        assertThat(ledger("b").getJsonObject(0).getString("type")).isEqualTo("PENDING");
    }

    @Test
    void partialRefundsReverseInProportionAndAFullRefundReversesExactly() {
        d.event("o1", event("PAID", 1, 999));                 // L1 99, L2 49
        JsonArray first = d.event("o1", event("REFUNDED", 1, 333)).json().getJsonArray("commissions");
        // floor(99 × 333 / 999) = 33, floor(49 × 333 / 999) = 16
        assertThat(first.stream().map(o -> ((JsonObject) o).getLong("amount")).toList()).containsExactly(33L, 16L);
        JsonArray rest = d.event("o1", event("REFUNDED", 2, 666)).json().getJsonArray("commissions");
        assertThat(rest.stream().map(o -> ((JsonObject) o).getLong("amount")).toList()).containsExactly(66L, 33L);
        assertThat(rest.getJsonObject(0).getString("status")).isEqualTo("REVERSED");
        assertThat(ledger("a").getJsonObject(0).getString("status")).isEqualTo("REVERSED");
    }

    @Test
    void settlementJobIsIdempotent() throws Exception {
        d.event("o1", event("PAID", 1, 10_000));
        d.event("o1", event("REFUNDED", 1, 2_500));
        Instant later = Instant.now().plus(Duration.ofDays(8));
        assertThat(d.ledger().settleDue(Instant.now())).isZero();
        assertThat(d.ledger().settleDue(later)).isEqualTo(2);
        assertThat(d.ledger().settleDue(later)).isZero();
        JsonObject settled = ledger("b").getJsonObject(0);
        assertThat(settled.getString("type")).isEqualTo("SETTLED");
        assertThat(settled.getLong("amount")).isEqualTo(750);   // 1000 captured − 250 reversed
        assertThat(settled.getString("status")).isEqualTo("SETTLED");
    }

    @Test
    void refundAfterSettlementCreatesClawback() throws Exception {
        d.event("o1", event("PAID", 1, 10_000));
        d.ledger().settleDue(Instant.now().plus(Duration.ofDays(8)));
        JsonArray reversal = d.event("o1", event("REFUNDED", 1, 10_000)).json().getJsonArray("commissions");
        assertThat(reversal.getJsonObject(0).getString("status")).isEqualTo("CLAWBACK");
        assertThat(reversal.getJsonObject(0).getLong("amount")).isEqualTo(1_000);
        JsonArray entries = ledger("b");
        assertThat(entries.stream().map(o -> ((JsonObject) o).getString("type")).toList()).containsExactly("CLAWBACK", "SETTLED", "PENDING");
        assertThat(entries.getJsonObject(0).getString("status")).isEqualTo("CLAWED_BACK");
    }

    @Test
    void planBeyondThePlatformCapFailsTheEventAndRecordsNothing() {
        // enabled at 15 % under the default 30 % cap; the platform then lowers the cap to 10 %
        Response policy = d.host.call("PUT", "/v1/admin/distribution-policy", TestHost.ADMIN_TOKEN, Map.of("maxLevels", 2, "maxTotalRateBps", 1000));
        assertThat(policy.status()).isEqualTo(200);
        Response refused = d.event("o1", event("PAID", 1, 10_000));
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.errorCode()).isEqualTo("COMMISSION_PLAN_REFUSED");
        assertThat(ledger("b")).isEmpty();
        // the event was not recorded either: once the policy allows the plan, the retry captures it
        d.host.call("PUT", "/v1/admin/distribution-policy", TestHost.ADMIN_TOKEN, Map.of("maxLevels", 2, "maxTotalRateBps", 3000));
        assertThat(d.event("o1", event("PAID", 1, 10_000)).json().getJsonArray("commissions")).hasSize(2);
    }

    @Test
    void commissionDepthFollowsThePolicyAtPaymentTime() {
        d.host.call("PUT", "/v1/admin/distribution-policy", TestHost.ADMIN_TOKEN, Map.of("maxLevels", 1, "maxTotalRateBps", 3000));
        JsonArray commissions = d.event("o1", event("PAID", 1, 10_000)).json().getJsonArray("commissions");
        assertThat(commissions).hasSize(1);
        assertThat(commissions.getJsonObject(0).getString("beneficiaryId")).isEqualTo("b");
    }
}
