package dev.mallkit.host.db;

/** The SQL dialects the host runs on. Migrations are written once for all of them. */
public enum Dialect {
    /** Embedded H2 in MySQL mode. */
    H2,
    /** MySQL 8 or MariaDB 10.11. */
    MYSQL;

    static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:") ? H2 : MYSQL;
    }

    /**
     * @return whether {@code e} (or a cause) is a transient conflict the database already rolled back, so the
     *         same transaction may simply run again: a deadlock or serialization failure (SQLState class 40), or
     *         H2's "concurrent update" of a row another transaction holds (error 90131), or a lock wait that
     *         timed out (H2 50200, MySQL/MariaDB 1205; the caller rolls back before running again)
     */
    /**
     * How long after its first attempt a transaction may still be retried for a transient conflict. A lock-wait timeout
     * is transient too, but it has already waited the database's whole lock timeout (10 s on the embedded H2): eight
     * of them outlasted a client's 30 s request timeout, where the client should have had {@code DATABASE_BUSY}
     * (nothing written, send again). 15 s plus one last lock wait stays under 30 s; 10 s gave up on eight first orders
     * of one member that a loaded test JVM queued for 15 s, which must all be accepted.
     */
    public static final long RETRY_WINDOW_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(15);

    public static boolean isTransient(java.sql.SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql
                    && ((sql.getSQLState() != null && sql.getSQLState().startsWith("40"))
                    || sql.getErrorCode() == 90131 || sql.getErrorCode() == 50200 || sql.getErrorCode() == 1205)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether duplicate-key errors have this SQLState/vendor code */
    public static boolean isDuplicateKey(java.sql.SQLException e) {
        // 23000/23505 integrity constraint; MySQL 1062, H2 23505
        return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062
                || ("23000".equals(e.getSQLState()) && e.getMessage().toLowerCase().contains("duplicate"));
    }
}
