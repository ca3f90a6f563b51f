package dev.mallkit.host.reliability;

import dev.mallkit.host.reliability.BadBodies.Bad;
import dev.mallkit.host.reliability.OpenApi.Operation;
import dev.mallkit.host.reliability.Tenancy.Actor;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of /openapi.yaml that takes a body gets malformed, mistyped, incomplete, oversized, deeply
 * nested and odd-Unicode bodies, and every route gets SQL and path metacharacters in its path ids, from a
 * caller allowed to act: always a 4xx with the error body, never a 5xx, and nothing written.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class BadInputTest extends TenancyTest {
    private static final List<String> ODD_PATH_IDS = List.of("%27%20OR%20%271%27%3D%271", "..%2F..%2Fetc%2Fpasswd",
            "a%00b", "%E2%80%AEevil", "%F0%9F%98%80", "a%3BDROP%20TABLE%20stores", "%ED%A0%80");

    @Test
    void badBodiesOnEveryRouteAre4xxWithTheErrorBodyAndWriteNothing() {
        long limit = tenancy.host.mallkit().config().bodyLimit();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        DbChecksum before = DbChecksum.of(tenancy.host);
        for (Operation op : OpenApi.load().operations()) {
            if (op.body() == null || op.open()) {
                continue;
            }
            Actor actor = allowed(op);
            String store = actor.ownStore() == null ? tenancy.storeA : actor.ownStore();
            JsonObject valid = (JsonObject) Tenancy.body(op, store);
            for (Bad bad : BadBodies.of(op.body(), valid, limit)) {
                Response r = tenancy.host.call(op.method(), Tenancy.path(op, store), actor.token(), bad.json());
                sent++;
                check(op + " with " + bad.name(), r, wrong);
            }
        }
        DbChecksum after = DbChecksum.of(tenancy.host);
        System.out.printf("bad input (%s): %d bad bodies, %d wrong%n", kind, sent, wrong.size());
        assertThat(wrong).as("of %d bad bodies", sent).isEmpty();
        assertThat(after).as("bad bodies wrote nothing").isEqualTo(before);
        assertThat(sent).isGreaterThan(200);
    }

    @Test
    void sqlAndPathMetacharactersInPathIdsAre4xxAndWriteNothing() {
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        DbChecksum before = DbChecksum.of(tenancy.host);
        for (Operation op : OpenApi.load().operations()) {
            if (op.pathParams().isEmpty()) {
                continue;
            }
            Actor actor = allowed(op);
            String store = actor.ownStore() == null ? tenancy.storeA : actor.ownStore();
            String valid = Tenancy.path(op, store);
            for (String param : op.pathParams()) {
                for (String odd : ODD_PATH_IDS) {
                    String path = replaceSegment(valid, indexOf(op.path(), param), odd);
                    Response r = tenancy.host.call(op.method(), path, actor.token(), Tenancy.body(op, store));
                    check(op + " with " + param + " = " + odd, r, wrong);
                    sent++;
                }
            }
        }
        System.out.printf("bad path ids (%s): %d calls, %d wrong%n", kind, sent, wrong.size());
        assertThat(wrong).isEmpty();
        assertThat(DbChecksum.of(tenancy.host)).isEqualTo(before);
    }

    private static void check(String what, Response r, List<String> wrong) {
        boolean errorBody;
        try {
            errorBody = r.errorCode().matches("[A-Z][A-Z0-9_]*");
        } catch (RuntimeException e) {
            errorBody = false;
        }
        if (r.status() < 400 || r.status() >= 500 || !errorBody) {
            wrong.add(what + ": " + r.status() + " " + (r.text().length() > 300 ? r.text().substring(0, 300) : r.text()));
        }
    }

    private Actor allowed(Operation op) {
        return tenancy.actors.stream()
                .filter(a -> a.role() != null && op.roles().contains(a.role()))
                .findFirst().orElseThrow(() -> new AssertionError(op + " has no actor"));
    }

    private static int indexOf(String template, String param) {
        return java.util.Arrays.asList(template.split("/")).indexOf("{" + param + "}");
    }

    private static String replaceSegment(String path, int index, String value) {
        String query = path.contains("?") ? path.substring(path.indexOf('?')) : "";
        String[] parts = (query.isEmpty() ? path : path.substring(0, path.indexOf('?'))).split("/");
        parts[index] = value;
        return String.join("/", parts) + query;
    }
}
