package dev.mallkit.host.kernel;

import dev.mallkit.host.db.Database;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A periodic job a module contributes, run off the event loop by whichever host holds its lease.
 *
 * @param name   for logs and the lease, e.g. {@code points expiry}
 * @param period how often; zero schedules nothing (the embedder runs it itself)
 * @param task   one run
 */
public record Job(String name, Duration period, Database.Blocking<?> task) {
    public Job {
        requireNonNull(name, "name is null");
        requireNonNull(period, "period is null");
        requireNonNull(task, "task is null");
        if (period.isNegative()) {
            throw new IllegalArgumentException(name + ": the period must not be negative: " + period);
        }
    }
}
