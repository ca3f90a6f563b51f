package dev.mallkit.host.http;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.mallkit.host.testing.TestHost.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The foundation's HTTP contract on H2 and on a real MySQL-compatible server. */
@ParameterizedClass
@EnumSource(DbKind.class)
class FoundationApiTest {
    @Parameter
    DbKind kind;

    TestHost host;

    @BeforeEach
    void start() {
        host = TestHost.start(kind, Map.of("MALLKIT_BODY_LIMIT", "4096"));
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void healthIsUpAndNamesTheDatabase() {
        Response r = host.get("/health", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().getString("status")).isEqualTo("UP");
        assertThat(r.json().getJsonObject("database").getString("dialect")).isEqualTo(kind == DbKind.H2 ? "H2" : "MYSQL");
    }

    @Test
    void adminCreatesTenantsAndOnlyAdminMay() {
        Response provider = host.post("/v1/admin/providers", ADMIN_TOKEN, Map.of("id", "acme", "name", "Acme Plugins"));
        assertThat(provider.status()).isEqualTo(201);
        assertThat(provider.json().getString("id")).isEqualTo("acme");
        String providerToken = provider.json().getString("token");
        assertThat(providerToken).startsWith("mk_p_");

        Response byProvider = host.post("/v1/admin/merchants", providerToken, Map.of("id", "m1", "name", "M1"));
        assertThat(byProvider.status()).isEqualTo(403);
        assertThat(byProvider.errorCode()).isEqualTo("FORBIDDEN");

        assertThat(host.post("/v1/admin/merchants", null, Map.of("id", "m1", "name", "M1")).errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(host.post("/v1/admin/merchants", "mk_a_forged", Map.of("id", "m1", "name", "M1")).status()).isEqualTo(401);

        Response duplicate = host.post("/v1/admin/providers", ADMIN_TOKEN, Map.of("id", "acme", "name", "Again"));
        assertThat(duplicate.status()).isEqualTo(409);
    }

    @Test
    void tokensAreStoredOnlyAsHashes() throws Exception {
        String token = host.merchant("m1");
        try (Connection c = host.database().connect(host.dataDir());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT token_hash FROM api_tokens")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertThat(rs.getString(1)).hasSize(64).isNotEqualTo(token).doesNotContain(token.substring(5));
            }
            assertThat(rows).isEqualTo(2);
        }
    }

    @Test
    void aMerchantReachesOnlyItsOwnStores() {
        String a = host.merchant("ma");
        String b = host.merchant("mb");
        host.store(a, "store-a");

        assertThat(host.post("/v1/stores/store-a/keys", b, null).status()).isEqualTo(404);
        assertThat(host.post("/v1/stores/no-such-store/keys", a, null).status()).isEqualTo(404);
        Response taken = host.post("/v1/stores", b, Map.of("id", "store-a", "name", "Mine now"));
        assertThat(taken.status()).isEqualTo(409);

        String key = host.storefront(a, "store-a");
        assertThat(key).startsWith("mk_s_");
        Response byKey = host.post("/v1/stores/store-a/keys", key, null);
        assertThat(byKey.status()).isEqualTo(403);
        assertThat(host.post("/v1/stores", ADMIN_TOKEN, Map.of("id", "s9", "name", "S9")).status()).isEqualTo(403);
    }

    @Test
    void everyBadRequestGetsTheErrorShape() {
        String merchant = host.merchant("m1");
        assertError(host.get("/v1/nowhere", ADMIN_TOKEN), 404, "NOT_FOUND");
        assertError(host.get("/nowhere", null), 404, "NOT_FOUND");
        assertError(host.call("DELETE", "/health", null, null), 405, "METHOD_NOT_ALLOWED");
        assertError(host.post("/v1/stores", merchant, "{\"id\": \"s1\", "), 400, "MALFORMED_JSON");
        assertError(host.post("/v1/stores", merchant, "[1,2]"), 400, "MALFORMED_JSON");
        assertError(host.post("/v1/stores", merchant, "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"), 400, "MALFORMED_JSON");
        assertError(host.post("/v1/stores", merchant, Map.of("id", "s1")), 400, "FIELD_REQUIRED");
        assertError(host.post("/v1/stores", merchant, Map.of("id", 7, "name", "x")), 400, "FIELD_INVALID");
        assertError(host.post("/v1/stores", merchant, Map.of("id", "s1", "name", "x", "extra", true)), 400, "UNKNOWN_FIELD");
        assertError(host.post("/v1/stores", merchant, Map.of("id", "../etc/passwd", "name", "x")), 400, "FIELD_INVALID");
        assertError(host.post("/v1/stores", merchant, Map.of("id", "s1'; DROP TABLE stores; --", "name", "x")), 400, "FIELD_INVALID");
        assertError(host.post("/v1/stores", merchant, Map.of("id", "s1", "name", "x".repeat(10_000))), 413, "BODY_TOO_LARGE");

        HttpRequest wrongType = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/v1/stores"))
                .header("Authorization", "Bearer " + merchant)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"s1\",\"name\":\"x\"}")).build();
        assertError(host.send(wrongType), 415, "UNSUPPORTED_MEDIA_TYPE");

        // nothing of the above was written
        assertThat(host.post("/v1/stores", merchant, Map.of("id", "s1", "name", "Fine")).status()).isEqualTo(201);
    }

    private static void assertError(Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).anySatisfy(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.json().getJsonObject("error").getString("code")).isEqualTo(code);
        assertThat(r.json().getJsonObject("error").getString("message")).isNotBlank();
        assertThat(r.json().getJsonObject("error").getJsonArray("details")).isNotNull();
    }
}
