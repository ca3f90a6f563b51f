package dev.mallkit.host.membership;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Order events drive the store's membership program through the HTTP contract, with the real plugin jars. */
@ParameterizedClass
@EnumSource(DbKind.class)
class PointsOnOrderEventsTest extends MembershipHostTest {
    static JsonObject tiers() {
        return new JsonObject().put("pointsPerYuan", 1);
    }

    @Test
    void paidOrderAwardsPointsAndGrowthAndRecordsTierChange() throws Exception {
        var store = fixture.store().enable("membership-tiers", tiers());
        JsonObject first = store.paid("o-1", "alice", 120_000);
        assertThat(first.getString("program")).isEqualTo("membership-tiers");
        assertThat(first.getLong("awarded")).isEqualTo(1200);
        assertThat(first.getLong("growth")).isEqualTo(120_000);
        assertThat(first.getLong("balance")).isEqualTo(1200);
        assertThat(first.getString("previousTier")).isEqualTo("regular");
        assertThat(first.getString("tier")).isEqualTo("silver");

        // silver multiplies the next order's points by 1.2
        JsonObject second = store.paid("o-2", "alice", 10_000);
        assertThat(second.getLong("awarded")).isEqualTo(120);
        assertThat(second.getLong("balance")).isEqualTo(1320);
        assertThat(second.getLong("totalGrowth")).isEqualTo(130_000);
        assertThat(store.ledger("alice")).containsExactly("AWARD:1200", "TIER:0", "AWARD:120");
        assertThat(store.cachedPoints("alice")).isEqualTo(1320);
    }

    @Test
    void replayReturnsFirstResultAndOtherBodyIsRefused() throws Exception {
        var store = fixture.store().enable("membership-tiers", tiers());
        Response first = store.event("o-1", MembershipFixture.paidBody("bob", 5_000));
        Response replay = store.event("o-1", MembershipFixture.paidBody("bob", 5_000));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.headers().get("idempotent-replayed")).containsExactly("true");
        assertThat(replay.json()).isEqualTo(first.json());

        Response other = store.event("o-1", MembershipFixture.paidBody("bob", 6_000));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.errorCode()).isEqualTo("IDEMPOTENCY_MISMATCH");
        assertThat(store.ledger("bob")).containsExactly("AWARD:50");
        assertThat(store.balance("bob")).isEqualTo(50);
    }

    @Test
    void storeWithoutProgramAnswersEmptyPoints() {
        var store = fixture.store();
        assertThat(store.paid("o-1", "carol", 10_000)).isEqualTo(new JsonObject().putNull("program"));
        JsonObject view = store.member("carol").json();
        assertThat(view.getString("tier")).isNull();
        assertThat(view.getLong("points")).isZero();
    }

    @Test
    void partialRefundsReverseInProportionAndFullRefundRestoresExactly() throws Exception {
        var store = fixture.store().enable("membership-tiers", tiers());
        store.paid("o-1", "dave", 50_000);
        store.paid("o-2", "dave", 10_001); // 100 points; 10001 does not divide into thirds
        JsonObject r1 = store.refunded("o-2", "dave", 3_333, 1);
        JsonObject r2 = store.refunded("o-2", "dave", 3_333, 2);
        JsonObject r3 = store.refunded("o-2", "dave", 3_335, 3);
        // floor(100 × 3333/10001) = 33, floor(100 × 6666/10001) = 66, then the rest
        assertThat(r1.getLong("reversed")).isEqualTo(33);
        assertThat(r2.getLong("reversed")).isEqualTo(33);
        assertThat(r3.getLong("reversed")).isEqualTo(34);
        assertThat(r1.getLong("growthReversed") + r2.getLong("growthReversed") + r3.getLong("growthReversed")).isEqualTo(10_001);
        assertThat(r3.getLong("balance")).isEqualTo(500);
        assertThat(r3.getLong("totalGrowth")).isEqualTo(50_000);
        assertThat(r3.getLong("shortfall")).isZero();

        Response excess = store.event("o-2", new JsonObject().put("type", "REFUNDED").put("seq", 4).put("memberId", "dave")
                .put("currency", "CNY").put("amount", 1));
        assertThat(excess.errorCode()).isEqualTo("REFUND_EXCEEDS_PAID");
        assertThat(store.ledger("dave")).containsExactly("AWARD:500", "AWARD:100", "REVERSAL:-33", "REVERSAL:-33", "REVERSAL:-34");
    }

    @Test
    void refundAfterSpendingRecordsDebtThatTheNextAwardSettles() throws Exception {
        var store = fixture.store().enable("membership-tiers", tiers());
        store.paid("o-1", "erin", 10_000);
        Response spent = store.redeem("erin", new JsonObject().put("orderId", "o-9").put("points", 80));
        assertThat(spent.status()).as(spent.text()).isEqualTo(200);

        JsonObject refund = store.refunded("o-1", "erin", 10_000, 1);
        assertThat(refund.getLong("reversed")).isEqualTo(100);
        assertThat(refund.getLong("shortfall")).isEqualTo(80);
        assertThat(refund.getLong("balance")).isZero();
        assertThat(refund.getLong("debt")).isEqualTo(80);

        JsonObject next = store.paid("o-2", "erin", 5_000);
        assertThat(next.getLong("awarded")).isEqualTo(50);
        assertThat(next.getLong("debtSettled")).isEqualTo(50);
        assertThat(next.getLong("balance")).isZero();
        assertThat(next.getLong("debt")).isEqualTo(30);
        assertThat(store.member("erin").json().getLong("debt")).isEqualTo(30);
        assertThat(store.ledger("erin")).containsExactly("AWARD:100", "REDEMPTION:-80", "REVERSAL:-20", "AWARD:50", "DEBT_SETTLED:-50");
    }

    @Test
    void switchingProgramsKeepsTheLedger() throws Exception {
        var store = fixture.store().enable("membership-tiers", tiers());
        store.paid("o-1", "fay", 20_000);
        store.disable("membership-tiers");
        store.enable("membership-paid-card", new JsonObject());
        assertThat(store.balance("fay")).isEqualTo(200);
        JsonObject next = store.paid("o-2", "fay", 10_000);
        assertThat(next.getString("program")).isEqualTo("membership-paid-card");
        assertThat(next.getLong("balance")).isEqualTo(300);
        // the tier code of the new program differs from the old one's; the next event records the change
        assertThat(store.member("fay").json().getString("tier")).isEqualTo("none");
    }

    @Test
    void paidCardPurchaseSetsCardAttributeAndDoublesLaterPoints() {
        var store = fixture.store().enable("membership-paid-card", new JsonObject().put("cardValidityDays", 30));
        JsonObject card = store.points("o-1", new JsonObject().put("type", "PAID").put("seq", 1).put("memberId", "gus")
                .put("currency", "CNY").put("amount", 9_900)
                .put("lines", new JsonArray().add(new JsonObject().put("sku", "card").put("quantity", 1).put("amount", 9_900)
                        .put("tags", new JsonArray().add("member-card")))));
        assertThat(card.getLong("awarded")).isEqualTo(99);
        assertThat(card.getString("previousTier")).isEqualTo("none");
        assertThat(card.getString("tier")).isEqualTo("card");

        JsonObject next = store.paid("o-2", "gus", 10_000);
        assertThat(next.getLong("awarded")).isEqualTo(200);
        JsonObject view = store.member("gus").json();
        assertThat(view.getString("tierName")).isEqualTo("Paid member");
        assertThat(view.getInteger("discountBps")).isEqualTo(500);
        assertThat(view.getJsonObject("attributes").getString("card.validUntil")).isNotBlank();
        assertThat(view.getJsonArray("perks")).isNotEmpty();
    }

    @Test
    void concurrentFirstOrdersOfANewMemberAreAllAwardedOnce() throws Exception {
        var store = fixture.store().enable("membership-tiers", tiers());
        // every event is the member's first sighting until one commits: the others' inserts of the member collide
        List<Callable<Response>> orders = IntStream.range(0, 8)
                .mapToObj(i -> (Callable<Response>) () -> store.event("o-" + i, MembershipFixture.paidBody("erin", 1_000)))
                .toList();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Response> answer : pool.invokeAll(orders)) {
                assertThat(answer.get().status()).as(answer.get().text()).isEqualTo(200);
            }
        }
        assertThat(store.ledger("erin")).containsOnly("AWARD:10").hasSize(8);
        assertThat(store.balance("erin")).isEqualTo(80);
    }

    @Test
    void paymentsOfOneOrderWithDifferentSeqDeliveredAtOnceAreAcceptedOnce() throws Exception {
        var store = fixture.store().enable("membership-tiers", tiers());
        // the same order paid under eight different seq numbers at the same moment: one payment, the rest refused
        // (ALREADY_PAID, or DATABASE_BUSY when the conflict outlasted the retries: nothing written, a resend is refused)
        List<Callable<Response>> payments = IntStream.range(1, 9)
                .mapToObj(seq -> (Callable<Response>) () -> store.event("o-twice", MembershipFixture.paidBody("finn", 1_000).put("seq", seq)))
                .toList();
        List<Integer> statuses = new java.util.ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Response> answer : pool.invokeAll(payments)) {
                statuses.add(answer.get().status());
                if (answer.get().status() != 200) {
                    assertThat(answer.get().errorCode()).as(answer.get().text()).isIn("ALREADY_PAID", "DATABASE_BUSY");
                }
            }
        }
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(store.event("o-twice", MembershipFixture.paidBody("finn", 1_000).put("seq", 9)).errorCode()).isEqualTo("ALREADY_PAID");
        assertThat(store.ledger("finn")).containsExactly("AWARD:10");
        assertThat(store.balance("finn")).isEqualTo(10);
    }
}
