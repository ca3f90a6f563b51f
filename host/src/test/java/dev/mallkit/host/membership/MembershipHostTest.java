package dev.mallkit.host.membership;

import dev.mallkit.host.testing.DbKind;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * One seeded host per database for a whole parameterized test class: starting a host per test would
 * multiply the run time; tests stay independent because each uses its own store.
 */
abstract class MembershipHostTest {
    static MembershipFixture fixture;

    @Parameter
    DbKind kind;

    @BeforeParameterizedClassInvocation
    static void start(DbKind kind) {
        fixture = new MembershipFixture(kind);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fixture.close();
    }
}
