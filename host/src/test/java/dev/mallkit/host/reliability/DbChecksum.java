package dev.mallkit.host.reliability;

import dev.mallkit.host.testing.TestHost;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of every table of a host's database: its row count and a SHA-256 over its rows (sorted,
 * so the physical order does not matter). Equal checksums before and after a batch of calls prove the
 * batch wrote nothing.
 */
record DbChecksum(Map<String, String> tables) {
    DbChecksum {
        tables = Map.copyOf(tables);
    }

    static DbChecksum of(TestHost host) {
        try (Connection c = host.database().connect(host.dataDir())) {
            Map<String, String> tables = new TreeMap<>();
            for (String table : tableNames(c)) {
                tables.put(table, fingerprint(c, table));
            }
            return new DbChecksum(tables);
        } catch (Exception e) {
            throw new IllegalStateException("checksum failed: " + e.getMessage(), e);
        }
    }

    private static List<String> tableNames(Connection c) throws Exception {
        List<String> names = new ArrayList<>();
        // SHOW TABLES lists the current schema's tables on both H2 and MariaDB
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW TABLES")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no tables found at " + c.getMetaData().getURL());
        }
        return names;
    }

    private static String fingerprint(Connection c, String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('\u001f');
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        rows.forEach(r -> sha.update(r.getBytes(StandardCharsets.UTF_8)));
        return rows.size() + " rows " + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }
}
