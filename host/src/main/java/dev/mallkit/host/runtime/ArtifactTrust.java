package dev.mallkit.host.runtime;

import java.util.Set;

/**
 * Decides whether an artifact may run in-process. Java plugins cannot be confined inside the JVM, so
 * the runtime loads only artifacts whose SHA-256 the platform approved (and signed) in the marketplace.
 */
@FunctionalInterface
public interface ArtifactTrust {

    /**
     * @param sha256 the lower-case hex SHA-256 of the artifact
     * @return whether the platform approved exactly this artifact
     */
    boolean isApproved(String sha256);

    /** @return a trust that approves exactly the given hashes, e.g. for tests or a static allow-list */
    static ArtifactTrust approving(Set<String> sha256s) {
        Set<String> approved = Set.copyOf(sha256s);
        return approved::contains;
    }
}
