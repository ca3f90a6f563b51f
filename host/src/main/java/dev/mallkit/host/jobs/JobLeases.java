package dev.mallkit.host.jobs;

import dev.mallkit.host.db.Dialect;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

import static java.util.Objects.requireNonNull;

/**
 * Database leases on named jobs, so that of several hosts sharing one database exactly one runs a job
 * per period. A lease is a row of {@code job_leases}: taken with a conditional UPDATE when it is free,
 * expired or already ours, or with an INSERT that only one host can win when the job never ran. Times
 * come from the hosts' clocks, so hosts must keep them in sync (NTP); the lease margin absorbs small skew.
 */
public final class JobLeases {
    private final DataSource dataSource;
    private final String holder;
    private final Clock clock;

    public JobLeases(DataSource dataSource, String holder, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.holder = requireNonNull(holder, "holder is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (holder.isBlank() || holder.length() > 128) {
            throw new IllegalArgumentException("holder must be 1-128 characters: " + holder);
        }
    }

    /** @return a holder name unique to this process: host name, pid and a random suffix */
    public static String processHolder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        String name = host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 128 ? name.substring(name.length() - 128) : name;
    }

    /** @return who this process is in {@code job_leases.holder} */
    public String holder() {
        return holder;
    }

    /**
     * Takes (or keeps) the lease on {@code job} for {@code ttl} to start one run, and counts the run. The
     * holder itself starts again only {@code minSpacing} after its last start, so a late timer tick
     * followed by a punctual one never runs the job twice in a period.
     *
     * @return whether this host may run the job now
     */
    public boolean acquireForRun(String job, Duration ttl, Duration minSpacing) throws SQLException {
        Instant now = clock.instant();
        long expires = now.plus(ttl).toEpochMilli();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("UPDATE job_leases SET holder = ?, expires_at = ?, last_started_at = ?, "
                    + "runs = runs + 1 WHERE name = ? AND ((holder = ? AND last_started_at <= ?) OR expires_at <= ?)")) {
                ps.setString(1, holder);
                ps.setLong(2, expires);
                ps.setLong(3, now.toEpochMilli());
                ps.setString(4, job);
                ps.setString(5, holder);
                ps.setLong(6, now.minus(minSpacing).toEpochMilli());
                ps.setLong(7, now.toEpochMilli());
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO job_leases (name, holder, expires_at, last_started_at, runs) VALUES (?, ?, ?, ?, 1)")) {
                ps.setString(1, job);
                ps.setString(2, holder);
                ps.setLong(3, expires);
                ps.setLong(4, now.toEpochMilli());
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Dialect.isDuplicateKey(e)) {
                    return false; // the row exists: another host holds it, or our last start is too recent
                }
                throw e;
            }
        }
    }

    /** Extends our lease on {@code job} by {@code ttl} from now; false when it is no longer ours. */
    public boolean renew(String job, Duration ttl) throws SQLException {
        return update("UPDATE job_leases SET expires_at = ? WHERE name = ? AND holder = ?",
                clock.instant().plus(ttl).toEpochMilli(), job);
    }

    /**
     * Hands our lease on {@code job} back, free from {@code nextDue} on: another host may start the job
     * then, not earlier, so a graceful shutdown neither skips a period nor repeats one.
     */
    public boolean release(String job, Instant nextDue) throws SQLException {
        return update("UPDATE job_leases SET expires_at = ? WHERE name = ? AND holder = ?", nextDue.toEpochMilli(), job);
    }

    private boolean update(String sql, long expiresMillis, String job) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            ps.setLong(1, expiresMillis);
            ps.setString(2, job);
            ps.setString(3, holder);
            return ps.executeUpdate() == 1;
        }
    }
}
