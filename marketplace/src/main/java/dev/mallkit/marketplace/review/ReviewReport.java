package dev.mallkit.marketplace.review;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.compat.VersionCompatibility;
import dev.mallkit.marketplace.finding.Finding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The automated review of one package: one finding per problem, each blocking or advisory.
 *
 * @param sha256        hex SHA-256 of the package file, what approval will sign
 * @param kind          Java or JavaScript
 * @param descriptor    the parsed descriptor, null when it is missing or invalid
 * @param findings      every finding in check order
 * @param compatibility API version → compatibility; empty for JavaScript packages
 */
@JsonIgnoreProperties(value = "passed", allowGetters = true)
public record ReviewReport(String sha256, PackageKind kind, PluginDescriptor descriptor, List<Finding> findings,
                           Map<String, VersionCompatibility> compatibility) {
    public ReviewReport {
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(kind, "kind is null");
        findings = List.copyOf(requireNonNull(findings, "findings is null"));
        compatibility = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(compatibility, "compatibility is null")));
    }

    /** @return whether no finding blocks approval */
    @JsonProperty("passed")
    public boolean passed() {
        return findings.stream().noneMatch(Finding::isBlocking);
    }

    /** @return the codes of the blocking findings */
    public List<String> blockingCodes() {
        return findings.stream().filter(Finding::isBlocking).map(Finding::code).toList();
    }
}
