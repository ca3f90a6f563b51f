package dev.mallkit.host;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.auth.Tokens;
import dev.mallkit.host.config.MallkitConfig;
import dev.mallkit.host.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * First-start work: the bootstrap admin token (taken from {@code MALLKIT_ADMIN_TOKEN} or generated and
 * shown once, stored only as a hash) and, when seeding is configured, a demo merchant and store.
 */
final class Bootstrap {
    static final String DEMO_MERCHANT = "demo-merchant";
    static final String DEMO_STORE = "demo-store";

    private final Database db;
    private final Tokens tokens;
    private final MallkitConfig config;

    Bootstrap(Database db, Tokens tokens, MallkitConfig config) {
        this.db = db;
        this.tokens = tokens;
        this.config = config;
    }

    record Result(String generatedAdminToken, String demoMerchantToken) {
    }

    Result run() throws Exception {
        return db.inTransaction(c -> {
            String generated = null;
            Principal admin = new Principal(Role.ADMIN, "platform");
            if (config.adminToken() != null) {
                String hash = Tokens.hash(config.adminToken());
                if (!tokens.known(c, hash)) {
                    tokens.store(c, hash, admin);
                }
            } else if (!tokens.adminExists(c)) {
                generated = tokens.issue(c, admin);
            }
            String demoToken = null;
            if (config.seedDir() != null && !exists(c, "SELECT 1 FROM stores WHERE id = ?", DEMO_STORE)) {
                Timestamp now = Timestamp.from(Instant.now());
                if (!exists(c, "SELECT 1 FROM merchants WHERE id = ?", DEMO_MERCHANT)) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO merchants (id, name, created_at) VALUES (?, ?, ?)")) {
                        ps.setString(1, DEMO_MERCHANT);
                        ps.setString(2, "Demo merchant");
                        ps.setTimestamp(3, now);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO stores (id, merchant_id, name, created_at) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, DEMO_STORE);
                    ps.setString(2, DEMO_MERCHANT);
                    ps.setString(3, "Demo store");
                    ps.setTimestamp(4, now);
                    ps.executeUpdate();
                }
                demoToken = tokens.issue(c, new Principal(Role.MERCHANT, DEMO_MERCHANT));
            }
            return new Result(generated, demoToken);
        });
    }

    private static boolean exists(java.sql.Connection c, String sql, String id) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
