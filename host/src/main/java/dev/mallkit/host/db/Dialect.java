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

    /** @return whether duplicate-key errors have this SQLState/vendor code */
    public static boolean isDuplicateKey(java.sql.SQLException e) {
        // 23000/23505 integrity constraint; MySQL 1062, H2 23505
        return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062
                || ("23000".equals(e.getSQLState()) && e.getMessage().toLowerCase().contains("duplicate"));
    }
}
