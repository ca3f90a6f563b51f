package dev.mallkit.host.distribution;

import dev.mallkit.host.store.StoreSnapshot;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test host with the first-party plugins seeded, one merchant and one store that runs
 * {@code distribution-classic} with a given configuration.
 */
final class DistributionHost implements AutoCloseable {
    static final String STORE = "s1";

    final TestHost host;
    final String merchant;
    final String storefront;

    private DistributionHost(TestHost host) {
        this.host = host;
        this.merchant = host.merchant("m1");
        host.store(merchant, STORE);
        this.storefront = host.storefront(merchant, STORE);
    }

    /** Starts a host on {@code kind} whose store runs distribution-classic with {@code config}. */
    static DistributionHost start(DbKind kind, JsonObject config) {
        String dist = System.getProperty("mallkit.plugins.dist");
        assertThat(dist).as("surefire passes mallkit.plugins.dist; build the plugins first").isNotNull();
        DistributionHost d = new DistributionHost(TestHost.start(kind, Map.of("MALLKIT_SEED_PLUGINS", Path.of(dist).toAbsolutePath().toString())));
        d.configure(config);
        return d;
    }

    /** Enables (or reconfigures) distribution-classic on the store. */
    void configure(JsonObject config) {
        Response r = host.call("PUT", "/v1/stores/" + STORE + "/features/distribution-classic", merchant,
                new JsonObject().put("version", "1.0.0").put("config", config));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /** Binds through the HTTP route. */
    JsonObject refer(String memberId, String referrerId) {
        Response r = host.post("/v1/stores/" + STORE + "/referrals", storefront,
                Map.of("memberId", memberId, "referrerId", referrerId, "source", "share-link"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    /** Binds through the binder at a chosen instant, as live-room clicks do. */
    ReferralBinder.Outcome bindAt(String memberId, String referrerId, Instant at) throws Exception {
        StoreSnapshot snapshot = host.mallkit().featureMix().snapshot(STORE);
        return host.mallkit().database().inTransaction(c -> new TreeReferralBinder().bind(c, snapshot, STORE, memberId, referrerId, "live-room", at));
    }

    JsonObject team(String memberId) {
        Response r = host.get("/v1/stores/" + STORE + "/members/" + memberId + "/team", storefront);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    Response event(String orderId, JsonObject body) {
        return host.post("/v1/stores/" + STORE + "/orders/" + orderId + "/events", storefront, body);
    }

    CommissionLedger ledger() {
        return new CommissionLedger(host.mallkit().database());
    }

    Connection connect() throws Exception {
        return host.database().connect(host.dataDir());
    }

    @Override
    public void close() {
        host.close();
    }
}
