package dev.mallkit.marketplace.signing;

import dev.mallkit.marketplace.signing.ArtifactVerifier.Refusal;
import dev.mallkit.marketplace.signing.ArtifactVerifier.RefusedArtifactException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ArtifactSigningTest {
    @TempDir
    Path dir;

    @Test
    void signedArtifactVerifies() throws IOException {
        KeyPair keys = PlatformKeys.generate();
        Path artifact = artifact("plugin bytes");
        ArtifactSignature signature = new ArtifactSigner(keys.getPrivate()).sign(artifact, "gold-club", "1.0.0", "acme");

        assertThat(signature.sha256()).isEqualTo(Sha256.of(artifact));
        assertThatCode(() -> new ArtifactVerifier(keys.getPublic()).verify(artifact, signature, "gold-club", "1.0.0"))
                .doesNotThrowAnyException();
    }

    @Test
    void tamperedArtifactIsRefused() throws IOException {
        KeyPair keys = PlatformKeys.generate();
        Path artifact = artifact("plugin bytes");
        ArtifactSignature signature = new ArtifactSigner(keys.getPrivate()).sign(artifact, "gold-club", "1.0.0", "acme");
        Files.writeString(artifact, "plugin bytez");

        assertThat(refusal(keys, artifact, signature, "1.0.0")).isEqualTo(Refusal.HASH_MISMATCH);
    }

    @Test
    void unsignedForgedAndMisattributedArtifactsAreRefused() throws IOException {
        KeyPair keys = PlatformKeys.generate();
        Path artifact = artifact("plugin bytes");
        ArtifactSignature forged = new ArtifactSigner(PlatformKeys.generate().getPrivate()).sign(artifact, "gold-club", "1.0.0", "acme");
        ArtifactSignature genuine = new ArtifactSigner(keys.getPrivate()).sign(artifact, "gold-club", "1.0.0", "acme");
        ArtifactSignature reattributed = new ArtifactSignature(genuine.sha256(), "gold-club", "1.0.0", "evil", genuine.signature());

        assertThat(refusal(keys, artifact, null, "1.0.0")).isEqualTo(Refusal.UNSIGNED);
        assertThat(refusal(keys, artifact, forged, "1.0.0")).isEqualTo(Refusal.BAD_SIGNATURE);
        assertThat(refusal(keys, artifact, reattributed, "1.0.0")).isEqualTo(Refusal.BAD_SIGNATURE);
        assertThat(refusal(keys, artifact, genuine, "2.0.0")).isEqualTo(Refusal.METADATA_MISMATCH);
    }

    @Test
    void keysPersistAndReloadWithAPrivateFileOnlyTheOwnerReads() throws IOException {
        KeyPair created = PlatformKeys.loadOrCreate(dir.resolve("keys"));
        KeyPair loaded = PlatformKeys.loadOrCreate(dir.resolve("keys"));

        assertThat(loaded.getPublic().getEncoded()).isEqualTo(created.getPublic().getEncoded());
        assertThat(loaded.getPrivate().getEncoded()).isEqualTo(created.getPrivate().getEncoded());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys").resolve(PlatformKeys.PRIVATE_FILE))))
                .isEqualTo("rw-------");
    }

    private Path artifact(String content) throws IOException {
        return Files.writeString(dir.resolve("plugin.jar"), content);
    }

    private static Refusal refusal(KeyPair keys, Path artifact, ArtifactSignature signature, String version) {
        RefusedArtifactException refused = catchThrowableOfType(RefusedArtifactException.class,
                () -> new ArtifactVerifier(keys.getPublic()).verify(artifact, signature, "gold-club", version));
        return refused == null ? null : refused.refusal();
    }
}
