package dev.mallkit.marketplace.descriptor;

import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Checks a parsed descriptor against what the marketplace knows: the host's extension points, who owns the id, what was published. */
public final class DescriptorCheck {
    private DescriptorCheck() {
    }

    /**
     * @param descriptor           the parsed descriptor
     * @param providerId           the provider submitting the package
     * @param ownedIds             plugin ids that provider owns; an id nobody owns yet is passed here by
     *                             the caller if it may be claimed
     * @param lastPublishedVersion the highest published version of this id, empty for a first release
     * @return the findings, empty when all hold
     */
    public static List<Finding> check(PluginDescriptor descriptor, String providerId, Set<String> ownedIds,
                                      Optional<String> lastPublishedVersion) {
        requireNonNull(descriptor, "descriptor is null");
        requireNonNull(providerId, "providerId is null");
        requireNonNull(ownedIds, "ownedIds is null");
        requireNonNull(lastPublishedVersion, "lastPublishedVersion is null");
        List<Finding> findings = new ArrayList<>();
        if (!descriptor.provider().equals(providerId)) {
            findings.add(DescriptorParser.blocking("DESCRIPTOR_PROVIDER_MISMATCH",
                    "the descriptor names provider " + descriptor.provider() + " but " + providerId + " submitted it", "$.provider"));
        }
        if (!ownedIds.contains(descriptor.id())) {
            findings.add(DescriptorParser.blocking("DESCRIPTOR_ID_NOT_OWNED",
                    "plugin id " + descriptor.id() + " is not owned by " + providerId, "$.id"));
        }
        lastPublishedVersion.ifPresent(last -> {
            if (SemanticVersion.parse(descriptor.version()).compareTo(SemanticVersion.parse(last)) <= 0) {
                findings.add(DescriptorParser.blocking("DESCRIPTOR_VERSION_NOT_GREATER",
                        "version " + descriptor.version() + " must be greater than the published " + last, "$.version"));
            }
        });
        return findings;
    }

    /**
     * @param descriptor the parsed descriptor
     * @param known      the names of the extension points the host runs (each point's spec is the host's)
     * @return a blocking finding per declared point the host does not run
     */
    public static List<Finding> knownPoints(PluginDescriptor descriptor, Set<String> known) {
        List<Finding> findings = new ArrayList<>();
        for (String point : descriptor.extensionPoints()) {
            if (!known.contains(point)) {
                findings.add(DescriptorParser.blocking("DESCRIPTOR_UNKNOWN_EXTENSION_POINT", "no such extension point: " + point,
                        "$.extensionPoints"));
            }
        }
        return findings;
    }
}
