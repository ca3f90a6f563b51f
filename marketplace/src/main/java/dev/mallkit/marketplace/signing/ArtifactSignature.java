package dev.mallkit.marketplace.signing;

import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * What the platform signs when it approves a version, and the signature.
 *
 * @param sha256    lower-case hex SHA-256 of the artifact bytes
 * @param id        plugin id
 * @param version   plugin version
 * @param provider  provider id
 * @param signature base64 Ed25519 signature of {@link #canonicalBytes()}
 */
public record ArtifactSignature(String sha256, String id, String version, String provider, String signature) {
    public ArtifactSignature {
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(signature, "signature is null");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        for (String field : new String[] {id, version, provider}) {
            // a newline inside a field would let two different metadata sets share canonical bytes
            if (field.indexOf('\n') >= 0 || field.isEmpty()) {
                throw new IllegalArgumentException("metadata fields must be non-empty single lines");
            }
        }
    }

    /** @return {@code sha256 + "\n" + id + "\n" + version + "\n" + provider} in UTF-8 */
    public byte[] canonicalBytes() {
        return canonicalBytes(sha256, id, version, provider);
    }

    static byte[] canonicalBytes(String sha256, String id, String version, String provider) {
        return (sha256 + "\n" + id + "\n" + version + "\n" + provider).getBytes(StandardCharsets.UTF_8);
    }
}
