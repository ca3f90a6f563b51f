package dev.mallkit.marketplace.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/** Signs approved artifacts with the platform's Ed25519 private key. */
public final class ArtifactSigner {
    private final PrivateKey key;

    public ArtifactSigner(PrivateKey key) {
        this.key = requireNonNull(key, "key is null");
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("the platform key must be Ed25519, not " + key.getAlgorithm());
        }
    }

    /** @return the signature over the artifact's SHA-256 and its metadata */
    public ArtifactSignature sign(Path artifact, String id, String version, String provider) throws IOException {
        String sha256 = Sha256.of(artifact);
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(ArtifactSignature.canonicalBytes(sha256, id, version, provider));
            return new ArtifactSignature(sha256, id, version, provider, Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
