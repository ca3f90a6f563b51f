package dev.mallkit.host.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mallkit.host.config.MallkitConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The host's database: a HikariCP pool, Flyway migrations, and a way to run JDBC off the event loop.
 * Every call runs on a virtual thread; its result is handed back on the caller's Vert.x context.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    // one name for all: a numbered name costs a string per request, and a virtual thread's id tells them apart
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mallkit-jdbc").factory());
    private final Dialect dialect;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.dialect = Dialect.of(dataSource.getJdbcUrl());
    }

    /** Opens the pool and migrates the schema. Blocking: call it off the event loop. */
    public static Database open(MallkitConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.jdbcUser());
        hikari.setPassword(config.jdbcPassword());
        hikari.setMaximumPoolSize(config.jdbcPoolSize());
        hikari.setPoolName("mallkit");
        // fail requests within seconds when the database stops answering, never hang
        hikari.setConnectionTimeout(5_000);
        hikari.setValidationTimeout(2_000);
        hikari.setInitializationFailTimeout(30_000);
        // The host serialises with locking reads, which InnoDB answers from the latest committed data. H2's
        // REPEATABLE READ answers every statement from the snapshot of the transaction's first one, so rows a
        // lock holder inserted stay invisible after its lock is released (a refund missed a concurrent one):
        // on H2 each statement must see the latest commits, i.e. READ COMMITTED.
        hikari.setTransactionIsolation(config.embeddedDatabase() ? "TRANSACTION_READ_COMMITTED" : "TRANSACTION_REPEATABLE_READ");
        if (config.embeddedDatabase()) {
            // H2 writes commits to its file up to 500 ms later by default: a kill -9 lost acknowledged events
            hikari.setConnectionInitSql("SET WRITE_DELAY 0");
        }
        if (!config.embeddedDatabase()) {
            serverDriverProperties().forEach(hikari::addDataSourceProperty);
        }
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /** @return the MySQL/MariaDB driver properties the pool's connections use (a benchmark's raw JDBC uses them too) */
    public static Map<String, String> serverDriverProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        // a statement on a database that stopped answering fails within the connection timeout instead of
        // hanging its request for 30 s (the host's statements take milliseconds; a 5 s lock wait is a fault too)
        properties.put("socketTimeout", "5000");
        properties.put("connectTimeout", "5000");
        properties.put("rewriteBatchedStatements", "true");
        // server-side statements, prepared once per connection: parameters travel in the binary protocol. Client-side
        // ones format every TIMESTAMP parameter as text through a new SimpleDateFormat, which was a third of the
        // driver's CPU on an order event; the server also skips parsing each statement again
        properties.put("useServerPrepStmts", "true");
        properties.put("cachePrepStmts", "true");
        // every statement the host runs fits: an uncached server statement costs a prepare and a close round trip
        properties.put("prepStmtCacheSize", "500");
        properties.put("prepStmtCacheSqlLimit", "4096");
        return properties;
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** @return the SQL dialect in use */
    public Dialect dialect() {
        return dialect;
    }

    /** @return the pool, for code that is already off the event loop */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in a transaction on a virtual thread; commits on success, rolls back on failure. */
    public <T> Future<T> tx(SqlWork<T> work) {
        return offLoop(() -> inTransaction(work));
    }

    /** Runs {@code work} in auto-commit mode on a virtual thread. */
    public <T> Future<T> read(SqlWork<T> work) {
        return offLoop(() -> {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        });
    }

    /** Runs {@code work} in a transaction on the current thread, which must not be an event loop. */
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Runs blocking {@code work} on a virtual thread, completing on the caller's context. */
    public <T> Future<T> offLoop(Blocking<T> work) {
        Context context = Vertx.currentContext();
        Promise<T> promise = Promise.promise();
        executor.execute(() -> {
            try {
                T result = work.call();
                complete(context, () -> promise.complete(result));
            } catch (Throwable e) {
                complete(context, () -> promise.fail(e));
            }
        });
        return promise.future();
    }

    private static void complete(Context context, Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        dataSource.close();
    }

    /** Blocking work that may throw. */
    @FunctionalInterface
    public interface Blocking<T> {
        T call() throws Exception;
    }
}
