package dev.mallkit.marketplace.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static java.util.Objects.requireNonNull;

/**
 * A zip package read once into memory and accepted whole: its structure and names by
 * {@link SafeArchive}, the data of every entry by {@link EntryData}. Review extracts through it and
 * the host loads through it, so both see exactly one reading of exactly these bytes, and the
 * {@link #sha256()} the platform signs is the hash of what is read.
 */
public final class CheckedArchive {
    private final byte[] bytes;
    private final List<SafeArchive.Entry> entries;
    private final ArchiveLimits limits;
    private final String sha256;

    private CheckedArchive(byte[] bytes, List<SafeArchive.Entry> entries, ArchiveLimits limits) {
        this.bytes = bytes;
        this.entries = List.copyOf(entries);
        this.limits = limits;
        this.sha256 = sha256(bytes);
    }

    /**
     * Reads a package file, at most {@link ArchiveLimits#maxArchiveBytes()} of it, and checks it.
     *
     * @throws UnsafeArchiveException with {@code ARCHIVE_UNREADABLE} when the file cannot be read, else
     *                                with every finding that refuses it
     */
    public static CheckedArchive read(Path file, ArchiveLimits limits) throws UnsafeArchiveException {
        requireNonNull(limits, "limits is null");
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw EntryData.refuse(ArchiveProblem.ARCHIVE_UNREADABLE, file.getFileName().toString());
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes((int) limits.maxArchiveBytes() + 1);
        } catch (IOException e) {
            throw EntryData.refuse(ArchiveProblem.ARCHIVE_UNREADABLE, file.getFileName().toString());
        }
        return of(bytes, limits);
    }

    /**
     * Checks a package held in memory; the array is kept, not copied, and must not change afterwards.
     *
     * @throws UnsafeArchiveException with every finding that refuses it
     */
    public static CheckedArchive of(byte[] bytes, ArchiveLimits limits) throws UnsafeArchiveException {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(limits, "limits is null");
        if (bytes.length > limits.maxArchiveBytes()) {
            throw EntryData.refuse(ArchiveProblem.ARCHIVE_TOO_LARGE, "");
        }
        SafeArchive.Inspection inspection = new SafeArchive(limits).inspect(bytes);
        if (!inspection.findings().isEmpty()) {
            throw new UnsafeArchiveException(inspection.findings());
        }
        long total = 0;
        for (SafeArchive.Entry entry : inspection.entries()) {
            total += copy(bytes, entry, limits, OutputStream.nullOutputStream());
            if (total > limits.maxTotalBytes()) {
                throw EntryData.refuse(ArchiveProblem.ARCHIVE_TOO_LARGE, entry.name());
            }
        }
        streamingReaderAgrees(bytes, inspection.entries());
        return new CheckedArchive(bytes, inspection.entries(), limits);
    }

    /** @return lower-case hex SHA-256 of the package's bytes */
    public String sha256() {
        return sha256;
    }

    /** @return the entry names in directory order, directories ending with '/' */
    public List<String> entryNames() {
        return entries.stream().map(SafeArchive.Entry::name).toList();
    }

    /** @return the content of the file entry {@code name}, if there is one */
    public Optional<byte[]> file(String name) {
        for (SafeArchive.Entry entry : entries) {
            if (entry.name().equals(name) && !entry.directory()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) entry.raw().size());
                try {
                    copy(bytes, entry, limits, out);
                } catch (UnsafeArchiveException e) {
                    throw new IllegalStateException("an entry that passed its check failed it again: " + name, e);
                }
                return Optional.of(out.toByteArray());
            }
        }
        return Optional.empty();
    }

    byte[] bytes() {
        return bytes;
    }

    List<SafeArchive.Entry> entries() {
        return entries;
    }

    static long copy(byte[] zip, SafeArchive.Entry entry, ArchiveLimits limits, OutputStream out) throws UnsafeArchiveException {
        if (entry.directory()) {
            return 0;
        }
        try {
            return EntryData.copy(zip, entry, limits, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * java.util.zip's streaming reader walks local headers, the way the old loader did: it must meet
     * the same entries with the same data. Any difference between two zip parsers is a way to show a
     * reviewer one package and a class loader another, so this guards the rules above.
     */
    private static void streamingReaderAgrees(byte[] bytes, List<SafeArchive.Entry> entries) throws UnsafeArchiveException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (SafeArchive.Entry expected : entries) {
                ZipEntry seen = in.getNextEntry();
                if (seen == null || !seen.getName().equals(expected.name())) {
                    throw EntryData.refuse(ArchiveProblem.ARCHIVE_HEADER_MISMATCH, expected.name());
                }
                CRC32 crc = new CRC32();
                byte[] data = in.readNBytes((int) expected.raw().size() + 1);
                crc.update(data);
                if (data.length != expected.raw().size() || crc.getValue() != expected.raw().crc()) {
                    throw EntryData.refuse(ArchiveProblem.ARCHIVE_HEADER_MISMATCH, expected.name());
                }
            }
            if (in.getNextEntry() != null) {
                throw EntryData.refuse(ArchiveProblem.ARCHIVE_UNREFERENCED_DATA, "");
            }
        } catch (IOException e) {
            throw EntryData.refuse(ArchiveProblem.ARCHIVE_MALFORMED, "java.util.zip: " + e.getMessage());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
