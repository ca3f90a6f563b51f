package dev.mallkit.marketplace.review;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What the caller knows about a submission.
 *
 * @param providerId           the submitting provider
 * @param ownedIds             plugin ids the provider owns (include a new id the provider may claim)
 * @param lastPublishedVersion the highest published version of the plugin id, empty for a first release
 * @param sampleConfig         the configuration conformance runs with, before schema defaults; usually empty
 */
public record ReviewInput(String providerId, Set<String> ownedIds, Optional<String> lastPublishedVersion, Map<String, Object> sampleConfig) {
    public ReviewInput {
        requireNonNull(providerId, "providerId is null");
        ownedIds = Set.copyOf(requireNonNull(ownedIds, "ownedIds is null"));
        requireNonNull(lastPublishedVersion, "lastPublishedVersion is null");
        sampleConfig = Map.copyOf(requireNonNull(sampleConfig, "sampleConfig is null"));
    }

    /** @return an input with an empty sample configuration */
    public static ReviewInput of(String providerId, Set<String> ownedIds, Optional<String> lastPublishedVersion) {
        return new ReviewInput(providerId, ownedIds, lastPublishedVersion, Map.of());
    }
}
