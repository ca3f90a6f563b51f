package dev.mallkit.marketplace.compat;

import dev.mallkit.marketplace.finding.Finding;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How a plugin links against one API version.
 *
 * @param compatible whether every API class, method and field it uses exists
 * @param missing    one finding per missing class, method or field and the place that uses it
 */
public record VersionCompatibility(boolean compatible, List<Finding> missing) {
    public VersionCompatibility {
        missing = List.copyOf(requireNonNull(missing, "missing is null"));
        if (compatible != missing.isEmpty()) {
            throw new IllegalArgumentException("compatible exactly when nothing is missing");
        }
    }
}
