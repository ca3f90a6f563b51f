package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.archive.ArchiveLimits;
import dev.mallkit.marketplace.archive.CheckedArchive;
import dev.mallkit.marketplace.archive.UnsafeArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * A JavaScript plugin package as read from a zip (or, for development and tests, a directory):
 * {@value MallkitApi#DESCRIPTOR_RESOURCE} and the ES module {@value #MODULE} at its root.
 *
 * @param descriptor the parsed descriptor
 * @param sha256     hex SHA-256 of the zip, or of descriptor and module text for a directory
 * @param script     the module's source text
 */
public record JsPackage(PluginDescriptor descriptor, String sha256, String script) {

    /** The module every package must have at its root. */
    public static final String MODULE = "index.mjs";

    /** Larger files are refused, whatever the zip claims: a package is a small script. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    public JsPackage {
        requireNonNull(descriptor, "descriptor is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(script, "script is null");
    }

    /**
     * Reads a package.
     *
     * @param path a {@code .zip} file or a directory
     * @throws JsPackageException when the zip is refused (the message names the finding codes), a file is
     *                            missing or too large, or the descriptor is malformed
     */
    public static JsPackage read(Path path) {
        try {
            return Files.isDirectory(path) ? readDirectory(path) : readZip(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin package " + path, e);
        }
    }

    private static JsPackage readDirectory(Path dir) throws IOException {
        byte[] descriptor = readBounded(dir.resolve(MallkitApi.DESCRIPTOR_RESOURCE), MallkitApi.DESCRIPTOR_RESOURCE);
        byte[] script = readBounded(dir.resolve(MODULE), MODULE);
        return of(descriptor, script, sha256(descriptor, script));
    }

    /**
     * Reads the zip through the marketplace's {@link CheckedArchive}, the reading review extracted it
     * with: the script served is a function of exactly the bytes hashed, and an archive two zip
     * parsers could read differently is refused before anything is taken from it.
     */
    private static JsPackage readZip(Path zip) {
        CheckedArchive archive;
        try {
            archive = CheckedArchive.read(zip, ArchiveLimits.defaults());
        } catch (UnsafeArchiveException e) {
            throw new JsPackageException(zip.getFileName().toString(), 0, "refused archive: " + codes(e), e);
        }
        return of(require(archive, MallkitApi.DESCRIPTOR_RESOURCE), require(archive, MODULE), archive.sha256());
    }

    private static String codes(UnsafeArchiveException e) {
        return e.findings().stream().map(f -> f.code() + " " + f.location()).collect(Collectors.joining(", "));
    }

    private static JsPackage of(byte[] descriptor, byte[] script, String sha256) {
        return new JsPackage(JsDescriptors.parse(descriptor), sha256, new String(script, StandardCharsets.UTF_8));
    }

    private static byte[] require(CheckedArchive archive, String name) {
        byte[] bytes = archive.file(name).orElseThrow(() -> new JsPackageException(name, 0, "missing at the root of the package"));
        if (bytes.length > MAX_FILE_BYTES) {
            throw new JsPackageException(name, 0, "larger than " + MAX_FILE_BYTES + " bytes");
        }
        return bytes;
    }

    private static byte[] readBounded(Path file, String name) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new JsPackageException(name, 0, "missing at the root of the package");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readBounded(in, name);
        }
    }

    private static byte[] readBounded(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new JsPackageException(name, 0, "larger than " + MAX_FILE_BYTES + " bytes");
        }
        return bytes;
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
