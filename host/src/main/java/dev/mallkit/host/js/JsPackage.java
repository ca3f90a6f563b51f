package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

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
     * @throws JsPackageException when a file is missing, too large or the descriptor is malformed
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

    private static JsPackage readZip(Path zip) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (name.equals(MallkitApi.DESCRIPTOR_RESOURCE) || name.equals(MODULE)) {
                    files.put(name, readBounded(in, name));
                }
            }
        }
        return of(require(files, MallkitApi.DESCRIPTOR_RESOURCE), require(files, MODULE), sha256(Files.readAllBytes(zip)));
    }

    private static JsPackage of(byte[] descriptor, byte[] script, String sha256) {
        return new JsPackage(JsDescriptors.parse(descriptor), sha256, new String(script, StandardCharsets.UTF_8));
    }

    private static byte[] require(Map<String, byte[]> files, String name) {
        byte[] bytes = files.get(name);
        if (bytes == null) {
            throw new JsPackageException(name, 0, "missing at the root of the package");
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
