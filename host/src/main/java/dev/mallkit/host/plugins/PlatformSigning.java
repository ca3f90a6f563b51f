package dev.mallkit.host.plugins;

import dev.mallkit.marketplace.signing.ArtifactSignature;
import dev.mallkit.marketplace.signing.ArtifactSigner;
import dev.mallkit.marketplace.signing.ArtifactVerifier;
import dev.mallkit.marketplace.signing.PlatformKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The platform's Ed25519 key pair as this host uses it: approval and seeding sign artifacts, and
 * loading verifies them. The pair lives in {@code MALLKIT_SIGNING_KEY} (a directory in the
 * {@link PlatformKeys} layout, shared by every host of a cluster) or, absent, {@code <data dir>/keys},
 * created on first start.
 */
public final class PlatformSigning {
    private final KeyPair keys;

    public PlatformSigning(KeyPair keys) {
        this.keys = requireNonNull(keys, "keys is null");
    }

    /** @return the pair in {@code keyDir} when set, else in {@code dataDir/keys}; created there if absent */
    public static PlatformSigning load(String keyDir, Path dataDir) {
        Path dir = keyDir == null || keyDir.isBlank() ? dataDir.resolve("keys") : Path.of(keyDir.trim());
        try {
            return new PlatformSigning(PlatformKeys.loadOrCreate(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the platform signing key from " + dir, e);
        }
    }

    /** @return the platform's signature over the artifact's hash and metadata */
    public ArtifactSignature sign(Path artifact, String id, String version, String provider) throws IOException {
        return new ArtifactSigner(keys.getPrivate()).sign(artifact, id, version, provider);
    }

    /**
     * Checks the artifact about to be loaded against its recorded signature.
     *
     * @param signature the recorded signature, or null when the version was never signed
     * @return why it must not load (naming UNSIGNED, BAD_SIGNATURE, HASH_MISMATCH or METADATA_MISMATCH), or empty
     */
    public Optional<String> refusal(Path artifact, ArtifactSignature signature, String id, String version) {
        try {
            new ArtifactVerifier(keys.getPublic()).verify(artifact, signature, id, version);
            return Optional.empty();
        } catch (ArtifactVerifier.RefusedArtifactException e) {
            return Optional.of("refused " + e.refusal() + ": " + e.getMessage());
        } catch (IOException e) {
            return Optional.of("refused: cannot read " + artifact.getFileName() + ": " + e.getMessage());
        }
    }

    /** @return whether {@code signature} is the platform's over its own hash and metadata (the bytes are not read) */
    public boolean signed(ArtifactSignature signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(keys.getPublic());
            verifier.update(signature.canonicalBytes());
            return verifier.verify(Base64.getDecoder().decode(signature.signature()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
