package dev.mallkit.host.distribution;

import dev.mallkit.host.config.MallkitConfig;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The team counters stay equal to a recount from scratch, through binds, re-binds and the V9 backfill. */
@ParameterizedClass
@EnumSource(DbKind.class)
class ReferralCountsTest {
    private static final int MEMBERS = 30;

    @Parameter
    DbKind kind;

    @Test
    void countersMatchARecountAfterRandomBindsAndSubtreeMoves() throws Exception {
        try (DistributionHost d = DistributionHost.start(kind, new JsonObject().put("bindingPolicy", "LAST_TOUCH"))) {
            Random random = new Random(42);
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            int bound = 0;
            int subtreesMoved = 0;
            for (int i = 0; i < 200; i++) {
                String member = "m" + random.nextInt(MEMBERS);
                String referrer = "m" + random.nextInt(MEMBERS);
                long downline;
                try (Connection c = d.connect()) {
                    downline = ReferralCounts.of(c, DistributionHost.STORE, member).downlineSize();
                }
                ReferralBinder.Outcome outcome = d.bindAt(member, referrer, at.plusSeconds(i));
                if (outcome.bound()) {
                    bound++;
                }
                if ("LAST_TOUCH_REBINDS".equals(outcome.reason()) && downline > 0) {
                    subtreesMoved++;
                }
                if (i % 50 == 49) {
                    try (Connection c = d.connect()) {
                        assertThat(counters(c)).as("after %d attempts", i + 1).isEqualTo(recount(c)).isEqualTo(fromParents(c));
                    }
                }
            }
            // the walk really moved subtrees, not only leaves
            assertThat(bound).isGreaterThan(60);
            assertThat(subtreesMoved).isGreaterThan(20);
            try (Connection c = d.connect()) {
                Map<String, String> expected = fromParents(c);
                String busiest = expected.keySet().stream()
                        .max(Comparator.comparingLong(k -> Long.parseLong(expected.get(k).split("/")[1]))).orElseThrow();
                JsonObject team = d.team(busiest.split("/")[1]);
                assertThat(team.getLong("directCount") + "/" + team.getLong("downlineSize")).isEqualTo(expected.get(busiest));
                assertThat(team.getJsonArray("upline")).isEqualTo(new JsonArray(upline(parents(c), busiest.split("/")[1])));
            }
        }
    }

    @Test
    void migrationBackfillsCountersFromTheClosure() throws Exception {
        Path dir = Files.createTempDirectory("mk-counts");
        try (TestDatabase db = TestDatabase.create(kind)) {
            MallkitConfig config = db.config(dir, Map.of());
            Supplier<FluentConfiguration> flyway = () -> Flyway.configure().dataSource(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword())
                    .locations("classpath:db/migration");
            flyway.get().target("5").load().migrate();
            try (Connection c = db.connect(dir); Statement s = c.createStatement()) {
                // a -> b -> c, b -> d; x -> y in another store
                s.executeUpdate("INSERT INTO referral_ancestors (store_id, member_id, depth, ancestor_id) VALUES "
                        + "('s1','b',1,'a'), ('s1','c',1,'b'), ('s1','c',2,'a'), ('s1','d',1,'b'), ('s1','d',2,'a'), ('s2','y',1,'x')");
            }
            flyway.get().load().migrate();
            try (Connection c = db.connect(dir)) {
                assertThat(counters(c)).isEqualTo(Map.of("s1/a", "1/3", "s1/b", "2/2", "s2/x", "1/1"));
            }
        }
    }

    // "store/member" -> "direct/downline" as stored, members whose team moved away (zeros) left out
    private static Map<String, String> counters(Connection c) throws SQLException {
        return query(c, "SELECT store_id, member_id, direct_count, downline_size FROM referral_counts WHERE downline_size > 0");
    }

    // the same, counted from the closure
    private static Map<String, String> recount(Connection c) throws SQLException {
        return query(c, "SELECT store_id, ancestor_id, SUM(CASE WHEN depth = 1 THEN 1 ELSE 0 END), COUNT(*) "
                + "FROM referral_ancestors GROUP BY store_id, ancestor_id");
    }

    // the same, derived from the current referrer of each member alone
    private static Map<String, String> fromParents(Connection c) throws SQLException {
        Map<String, String> parents = parents(c);
        Map<String, long[]> counts = new TreeMap<>();
        parents.forEach((member, parent) -> {
            counts.computeIfAbsent(parent, p -> new long[2])[0]++;
            for (String ancestor : upline(parents, member)) {
                counts.computeIfAbsent(ancestor, a -> new long[2])[1]++;
            }
        });
        Map<String, String> out = new TreeMap<>();
        counts.forEach((member, n) -> out.put(DistributionHost.STORE + "/" + member, n[0] + "/" + n[1]));
        return out;
    }

    private static Map<String, String> parents(Connection c) throws SQLException {
        Map<String, String> parents = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT member_id, referrer_id FROM referrals")) {
            while (rs.next()) {
                parents.put(rs.getString(1), rs.getString(2));
            }
        }
        return parents;
    }

    private static List<String> upline(Map<String, String> parents, String member) {
        List<String> out = new ArrayList<>();
        for (String p = parents.get(member); p != null; p = parents.get(p)) {
            assertThat(out).as("a loop through %s", p).doesNotContain(p);
            out.add(p);
        }
        return out;
    }

    private static Map<String, String> query(Connection c, String sql) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3) + "/" + rs.getLong(4));
            }
        }
        return out;
    }
}
