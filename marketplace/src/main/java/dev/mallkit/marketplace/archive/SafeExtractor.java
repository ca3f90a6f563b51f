package dev.mallkit.marketplace.archive;

import dev.mallkit.marketplace.finding.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static java.util.Objects.requireNonNull;

/**
 * Extracts a package that {@link SafeArchive} accepted into a fresh temporary directory, inflating
 * the very bytes that were inspected (java.util.zip's {@link Inflater}) and stopping as soon as an
 * entry produces more than it declared, so lying sizes and bombs never reach the disk in full.
 */
public final class SafeExtractor {
    private static final int BUFFER = 64 * 1024;

    private final ArchiveLimits limits;
    private final Path tempParent;

    /**
     * @param limits     the caps
     * @param tempParent where the temporary directories are created, e.g. {@code java.io.tmpdir}
     */
    public SafeExtractor(ArchiveLimits limits, Path tempParent) {
        this.limits = requireNonNull(limits, "limits is null");
        this.tempParent = requireNonNull(tempParent, "tempParent is null");
    }

    /** @return an extractor with default caps under the system temp directory */
    public static SafeExtractor withDefaults() {
        return new SafeExtractor(ArchiveLimits.defaults(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @return the extracted package; close it to delete it
     * @throws UnsafeArchiveException when any check fails; the temp directory is already deleted
     * @throws IOException            when the disk fails; the temp directory is already deleted
     */
    public ExtractedArchive extract(Path zip) throws UnsafeArchiveException, IOException {
        SafeArchive.Inspection inspection = new SafeArchive(limits).inspect(zip);
        if (!inspection.findings().isEmpty()) {
            throw new UnsafeArchiveException(inspection.findings());
        }
        Files.createDirectories(tempParent);
        Path root = Files.createTempDirectory(tempParent, "mallkit-pkg-");
        try {
            Path realRoot = root.toRealPath();
            List<String> names = new ArrayList<>();
            long total = 0;
            for (SafeArchive.Entry entry : inspection.entries()) {
                total += write(inspection.bytes(), entry, realRoot);
                if (total > limits.maxTotalBytes()) {
                    throw refuse(ArchiveProblem.ARCHIVE_TOO_LARGE, entry.name());
                }
                names.add(entry.name());
            }
            return new ExtractedArchive(realRoot, names);
        } catch (UnsafeArchiveException | IOException | RuntimeException e) {
            ExtractedArchive.deleteTree(root);
            throw e;
        }
    }

    private long write(byte[] zip, SafeArchive.Entry entry, Path root) throws IOException, UnsafeArchiveException {
        Path target = root.resolve(entry.name()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw refuse(ArchiveProblem.ARCHIVE_ESCAPES_ROOT, entry.name());
        }
        if (entry.directory()) {
            Files.createDirectories(target);
            return 0;
        }
        Path parent = Files.createDirectories(target.getParent());
        if (!parent.toRealPath().startsWith(root)) {
            throw refuse(ArchiveProblem.ARCHIVE_ESCAPES_ROOT, entry.name());
        }
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            return copy(zip, entry, out);
        }
    }

    private long copy(byte[] zip, SafeArchive.Entry entry, OutputStream out) throws IOException, UnsafeArchiveException {
        RawEntry raw = entry.raw();
        int offset = CentralDirectory.dataOffset(zip, raw);
        long cap = Math.min(raw.size(), limits.maxEntryBytes());
        CRC32 crc = new CRC32();
        long produced = 0;
        Inflater inflater = raw.method() == 8 ? new Inflater(true) : null;
        try {
            byte[] buffer = new byte[BUFFER];
            if (inflater == null) {
                crc.update(zip, offset, (int) raw.size());
                checkHead(zip, offset, (int) raw.size(), entry.name());
                out.write(zip, offset, (int) raw.size());
                produced = raw.size();
            } else {
                inflater.setInput(zip, offset, (int) raw.compressedSize());
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw refuse(ArchiveProblem.ARCHIVE_SIZE_MISMATCH, entry.name());
                    }
                    if (produced == 0) {
                        checkHead(buffer, 0, n, entry.name());
                    }
                    produced += n;
                    if (produced > cap) {
                        throw refuse(produced > limits.maxEntryBytes() ? ArchiveProblem.ARCHIVE_ENTRY_TOO_LARGE
                                : ArchiveProblem.ARCHIVE_SIZE_MISMATCH, entry.name());
                    }
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
        } catch (DataFormatException e) {
            throw refuse(ArchiveProblem.ARCHIVE_MALFORMED, entry.name());
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
        if (produced != raw.size()) {
            throw refuse(ArchiveProblem.ARCHIVE_SIZE_MISMATCH, entry.name());
        }
        if (crc.getValue() != raw.crc()) {
            throw refuse(ArchiveProblem.ARCHIVE_CRC_MISMATCH, entry.name());
        }
        return produced;
    }

    private static void checkHead(byte[] data, int offset, int length, String name) throws UnsafeArchiveException {
        byte[] head = new byte[Math.min(4, length)];
        System.arraycopy(data, offset, head, 0, head.length);
        if (ArchiveNames.looksLikeArchive(head, head.length)) {
            throw refuse(ArchiveProblem.ARCHIVE_NESTED_ARCHIVE, name);
        }
    }

    private static UnsafeArchiveException refuse(ArchiveProblem problem, String name) {
        return new UnsafeArchiveException(List.of(
                Finding.blocking(Problems.CHECK, problem.name(), problem.description(), Problems.printable(name))));
    }
}
