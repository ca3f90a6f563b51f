package dev.mallkit.host.distribution;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The platform's distribution policy: how many upline levels a commission may reach and the cap on
 * the share of an order all commissions together may take. Stored in {@code platform_settings}, which
 * the feature mix also reads when a merchant enables a scheme.
 *
 * @param maxLevels       0 to {@value #LEVEL_CEILING}; the default 2 follows common anti-pyramid practice
 * @param maxTotalRateBps 0 to 10000 bp of the order
 */
public record DistributionPolicy(int maxLevels, int maxTotalRateBps) {
    /** No platform admin may allow deeper commissions than this. */
    public static final int LEVEL_CEILING = 3;
    static final String LEVELS = "distribution.maxLevels";
    static final String RATE = "distribution.maxTotalRateBps";

    public DistributionPolicy {
        if (maxLevels < 0 || maxLevels > LEVEL_CEILING) {
            throw new HostError(ErrorCode.FIELD_INVALID, "maxLevels must be from 0 to " + LEVEL_CEILING, new JsonArray().add("maxLevels"));
        }
        if (maxTotalRateBps < 0 || maxTotalRateBps > BasisPoints.ONE) {
            throw new HostError(ErrorCode.FIELD_INVALID, "maxTotalRateBps must be from 0 to 10000", new JsonArray().add("maxTotalRateBps"));
        }
    }

    /** @return the most all commissions of an order of {@code paid} minor units may total, rounded down */
    public long cap(long paid) {
        return BasisPoints.of(maxTotalRateBps).applyTo(paid);
    }

    /** @return the policy in force */
    public static DistributionPolicy load(Connection c) throws SQLException {
        // both settings in one read: every PAID event of a store with a scheme loads the policy
        long levels = 2;
        long rate = 3000;
        try (PreparedStatement ps = c.prepareStatement("SELECT name, val FROM platform_settings WHERE name IN (?, ?)")) {
            ps.setString(1, LEVELS);
            ps.setString(2, RATE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long value = Long.parseLong(rs.getString(2));
                    if (rs.getString(1).equals(LEVELS)) {
                        levels = value;
                    } else {
                        rate = value;
                    }
                }
            }
        }
        return new DistributionPolicy((int) levels, (int) rate);
    }

    /** Stores this policy; both settings change in the caller's transaction. */
    public void save(Connection c) throws SQLException {
        upsert(c, LEVELS, maxLevels);
        upsert(c, RATE, maxTotalRateBps);
    }

    /** @return {@code {maxLevels, maxTotalRateBps}} */
    public JsonObject toJson() {
        return new JsonObject().put("maxLevels", maxLevels).put("maxTotalRateBps", maxTotalRateBps);
    }

    private static void upsert(Connection c, String name, int value) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE platform_settings SET val = ? WHERE name = ?")) {
            update.setString(1, Integer.toString(value));
            update.setString(2, name);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO platform_settings (name, val) VALUES (?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, Integer.toString(value));
            insert.executeUpdate();
        }
    }
}
