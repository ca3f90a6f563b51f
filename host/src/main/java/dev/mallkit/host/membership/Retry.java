package dev.mallkit.host.membership;

import dev.mallkit.host.db.Dialect;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries a whole transaction the database rolled back as a transient conflict ({@link Dialect#isTransient}:
 * MySQL's deadlock victims, H2's occasional false deadlock or concurrent update when many transactions queue
 * on one row lock). The transaction's own
 * checks run again on the retry, so retrying never weakens them.
 */
final class Retry {
    private static final int ATTEMPTS = 8;

    private Retry() {
    }

    /** Work that runs one transaction. */
    @FunctionalInterface
    interface Transaction<T> {
        T run() throws SQLException;
    }

    static <T> T onDeadlock(Transaction<T> work) throws SQLException {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run();
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !Dialect.isTransient(e) || System.nanoTime() - start > Dialect.RETRY_WINDOW_NANOS) {
                    throw e;
                }
                try {
                    // spread the retries so the victims do not collide again
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
