package dev.mallkit.host.reliability;

import dev.mallkit.host.testing.DbKind;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/** One {@link Tenancy} per database for a whole parameterized test class. */
abstract class TenancyTest {
    static Tenancy tenancy;

    @Parameter
    DbKind kind;

    @BeforeParameterizedClassInvocation
    static void start(DbKind kind) {
        tenancy = new Tenancy(kind);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        tenancy.close();
    }
}
