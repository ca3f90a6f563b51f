package dev.mallkit.marketplace.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The platform's Ed25519 key pair, stored as two base64 files: {@value #PRIVATE_FILE} (PKCS#8,
 * owner-only where the file system supports it) and {@value #PUBLIC_FILE} (X.509), which hosts load.
 */
public final class PlatformKeys {
    public static final String PRIVATE_FILE = "platform-ed25519.key";
    public static final String PUBLIC_FILE = "platform-ed25519.pub";

    private PlatformKeys() {
    }

    /** @return a fresh key pair from the JDK's Ed25519 generator */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    /** @return the key pair stored in {@code dir}, created there first if absent */
    public static KeyPair loadOrCreate(Path dir) throws IOException {
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        if (Files.exists(privateFile)) {
            return new KeyPair(loadPublic(publicFile), loadPrivate(privateFile));
        }
        Files.createDirectories(dir);
        KeyPair pair = generate();
        write(privateFile, pair.getPrivate().getEncoded(), true);
        write(publicFile, pair.getPublic().getEncoded(), false);
        return pair;
    }

    /** @return the public key in an X.509 base64 file */
    public static PublicKey loadPublic(Path file) throws IOException {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(read(file)));
        } catch (GeneralSecurityException e) {
            throw new IOException("not an Ed25519 public key: " + file, e);
        }
    }

    /** @return the private key in a PKCS#8 base64 file */
    public static PrivateKey loadPrivate(Path file) throws IOException {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(read(file)));
        } catch (GeneralSecurityException e) {
            throw new IOException("not an Ed25519 private key: " + file, e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("not base64: " + file, e);
        }
    }

    private static void write(Path file, byte[] encoded, boolean secret) throws IOException {
        String text = Base64.getEncoder().encodeToString(encoded) + "\n";
        if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        }
    }
}
