package dev.mallkit.marketplace.descriptor;

import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.finding.Finding;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A parsed descriptor, or why there is none.
 *
 * @param descriptor the descriptor, empty when the JSON is invalid
 * @param findings   what is wrong with it; empty when it is valid
 */
public record DescriptorResult(Optional<PluginDescriptor> descriptor, List<Finding> findings) {
    public DescriptorResult {
        requireNonNull(descriptor, "descriptor is null");
        findings = List.copyOf(requireNonNull(findings, "findings is null"));
    }
}
