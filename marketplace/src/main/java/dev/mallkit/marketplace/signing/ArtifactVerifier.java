package dev.mallkit.marketplace.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * What a host runs before loading any Java plugin: the signature must be the platform's over the
 * metadata and hash, and the hash must be the artifact's actual bytes.
 */
public final class ArtifactVerifier {
    private final PublicKey key;

    public ArtifactVerifier(PublicKey key) {
        this.key = requireNonNull(key, "key is null");
    }

    /** Why an artifact is refused. */
    public enum Refusal {
        /** No signature accompanies the artifact. */
        UNSIGNED,
        /** The signature is not the platform's over this metadata. */
        BAD_SIGNATURE,
        /** The artifact's bytes are not the ones that were signed. */
        HASH_MISMATCH,
        /** The signature is for another plugin id or version. */
        METADATA_MISMATCH
    }

    /** The artifact must not be loaded. */
    public static final class RefusedArtifactException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Refusal refusal;

        RefusedArtifactException(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        /** @return why */
        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * @param artifact  the package file about to be loaded
     * @param signature its signature record, or null when none was found
     * @param id        the plugin id the host is about to load
     * @param version   the version the host is about to load
     * @throws RefusedArtifactException when the artifact must not be loaded
     */
    public void verify(Path artifact, ArtifactSignature signature, String id, String version)
            throws RefusedArtifactException, IOException {
        if (signature == null) {
            throw new RefusedArtifactException(Refusal.UNSIGNED, "no platform signature for " + artifact.getFileName());
        }
        if (!signature.id().equals(id) || !signature.version().equals(version)) {
            throw new RefusedArtifactException(Refusal.METADATA_MISMATCH,
                    "signature is for " + signature.id() + "@" + signature.version() + ", not " + id + "@" + version);
        }
        if (!validSignature(signature)) {
            throw new RefusedArtifactException(Refusal.BAD_SIGNATURE, "the platform did not sign " + id + "@" + version);
        }
        if (!Sha256.of(artifact).equals(signature.sha256())) {
            throw new RefusedArtifactException(Refusal.HASH_MISMATCH, "the artifact of " + id + "@" + version + " was modified");
        }
    }

    private boolean validSignature(ArtifactSignature signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signature.canonicalBytes());
            return verifier.verify(Base64.getDecoder().decode(signature.signature()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
