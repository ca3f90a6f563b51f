package dev.mallkit.host.testing;

/** The databases the integration tests run against. */
public enum DbKind {
    /** Embedded H2 in MySQL mode, a fresh file per test. */
    H2,
    /** A real MySQL-compatible server: MariaDB from {@code MALLKIT_TEST_MYSQL_URL}, or MySQL 8 via Testcontainers. */
    MYSQL
}
