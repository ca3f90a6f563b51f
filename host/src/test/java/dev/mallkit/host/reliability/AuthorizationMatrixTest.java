package dev.mallkit.host.reliability;

import dev.mallkit.host.reliability.OpenApi.Operation;
import dev.mallkit.host.reliability.Tenancy.Actor;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of /openapi.yaml × every actor × own and other tenant, generated from the document's
 * {@code x-roles}: no token or a bad one is 401, a role not listed is 403, another tenant's store is 404,
 * and the denied calls write nothing (database checksum before and after).
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class AuthorizationMatrixTest extends TenancyTest {
    private static final Set<String> STORE_FIELDS = Set.of("store", "stores", "storeId");

    /** One call of the matrix and the status class it must get: 200 stands for any 2xx. */
    record Cell(Operation operation, Actor actor, boolean own, int expected) {
        String store(Tenancy t) {
            String home = actor.ownStore() == null ? t.storeA : actor.ownStore();
            return own ? home : (home.equals(t.storeA) ? t.storeB : t.storeA);
        }

        @Override
        public String toString() {
            return operation + " as " + actor.name() + (own ? " (own tenant)" : " (other tenant)");
        }
    }

    @Test
    void everyRouteRoleAndTenantIsAllowedOrDeniedAsDocumentedAndDeniedCallsWriteNothing() {
        List<Cell> cells = matrix(OpenApi.load().operations());
        List<Cell> denied = cells.stream().filter(c -> c.expected() != 200).toList();
        assertThat(denied).hasSizeGreaterThan(100);

        DbChecksum before = DbChecksum.of(tenancy.host);
        List<String> wrong = new ArrayList<>();
        for (Cell cell : denied) {
            Response r = send(cell);
            boolean errorBody = r.text().startsWith("{\"error\"") && r.errorCode().matches("[A-Z][A-Z0-9_]*");
            if (r.status() != cell.expected() || !errorBody) {
                wrong.add(cell + ": expected " + cell.expected() + ", got " + r.status() + " " + r.text());
            }
        }
        DbChecksum after = DbChecksum.of(tenancy.host);

        System.out.printf("authorization matrix (%s): %d operations, %d cells, %d denied calls, %d wrong, checksum of %d tables%n",
                kind, OpenApi.load().operations().size(), cells.size(), denied.size(), wrong.size(), before.tables().size());
        assertThat(wrong).as("denied calls answered otherwise").isEmpty();
        assertThat(after).as("denied calls wrote nothing").isEqualTo(before);
    }

    @Test
    void everyDocumentedRoleMayActOnItsOwnTenant() {
        List<String> wrong = new ArrayList<>();
        for (Cell cell : matrix(OpenApi.load().operations())) {
            if (cell.expected() != 200) {
                continue;
            }
            Response r = send(cell);
            // 409/404 answers are about the sample objects (no such target, slot taken), never about access
            boolean denied = r.status() == 401 || r.status() == 403 || r.status() >= 500
                    || (r.status() == 404 && r.text().contains("store '"));
            if (denied) {
                wrong.add(cell + ": got " + r.status() + " " + r.text());
            }
        }
        assertThat(wrong).isEmpty();
    }

    private Response send(Cell cell) {
        String store = cell.store(tenancy);
        return tenancy.host.call(cell.operation().method(), Tenancy.path(cell.operation(), store), cell.actor().token(),
                Tenancy.body(cell.operation(), store));
    }

    private List<Cell> matrix(List<Operation> operations) {
        List<Cell> cells = new ArrayList<>();
        for (Operation op : operations) {
            boolean tenantScoped = op.storeScoped() || (op.body() != null
                    && SampleBodies.properties(op.body()).keySet().stream().anyMatch(STORE_FIELDS::contains));
            for (Actor actor : tenancy.actors) {
                cells.add(new Cell(op, actor, true, expected(op, actor, true, tenantScoped)));
                if (tenantScoped) {
                    cells.add(new Cell(op, actor, false, expected(op, actor, false, true)));
                }
            }
        }
        return cells;
    }

    private static int expected(Operation op, Actor actor, boolean own, boolean tenantScoped) {
        if (op.open()) {
            return 200;
        }
        if (actor.role() == null) {
            return 401;
        }
        if (!op.roles().contains(actor.role())) {
            return 403;
        }
        return !own && tenantScoped && actor.ownStore() != null ? 404 : 200;
    }
}
