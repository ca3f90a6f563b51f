package dev.mallkit.host.store;

import dev.mallkit.api.ConfigProblem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A rule a domain adds to enabling or reconfiguring a plugin on a store, beyond the plugin's JSON Schema and its
 * own {@code validate}: e.g. distribution refuses a scheme that could pay more than the platform's policy allows.
 * Runs inside the change's transaction, with the store locked; a problem refuses the change with
 * {@code 400 CONFIG_INVALID} and nothing is written.
 */
@FunctionalInterface
public interface EnableCheck {

    /**
     * @param c         the change's connection, for reading what the rule depends on
     * @param candidate the plugin version being enabled, its configuration, and guarded calls into it
     * @return the problems found, empty when the rule holds
     */
    List<ConfigProblem> check(Connection c, Candidate candidate) throws SQLException;
}
