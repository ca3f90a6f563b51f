package dev.mallkit.marketplace.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Extracts a package that {@link CheckedArchive} accepted into a fresh temporary directory, writing
 * the very bytes that were checked, inflated the way they were checked.
 */
public final class SafeExtractor {
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
     * @throws UnsafeArchiveException when any check fails; nothing was written
     * @throws IOException            when the disk fails; the temp directory is already deleted
     */
    public ExtractedArchive extract(Path zip) throws UnsafeArchiveException, IOException {
        CheckedArchive archive = CheckedArchive.read(zip, limits);
        Files.createDirectories(tempParent);
        Path root = Files.createTempDirectory(tempParent, "mallkit-pkg-");
        try {
            Path realRoot = root.toRealPath();
            List<String> names = new ArrayList<>();
            for (SafeArchive.Entry entry : archive.entries()) {
                write(archive.bytes(), entry, realRoot);
                names.add(entry.name());
            }
            return new ExtractedArchive(realRoot, names, archive.sha256());
        } catch (UnsafeArchiveException | IOException | RuntimeException e) {
            ExtractedArchive.deleteTree(root);
            throw e;
        }
    }

    private void write(byte[] zip, SafeArchive.Entry entry, Path root) throws IOException, UnsafeArchiveException {
        Path target = root.resolve(entry.name()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw EntryData.refuse(ArchiveProblem.ARCHIVE_ESCAPES_ROOT, entry.name());
        }
        if (entry.directory()) {
            Files.createDirectories(target);
            return;
        }
        Path parent = Files.createDirectories(target.getParent());
        if (!parent.toRealPath().startsWith(root)) {
            throw EntryData.refuse(ArchiveProblem.ARCHIVE_ESCAPES_ROOT, entry.name());
        }
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            EntryData.copy(zip, entry, limits, out);
        }
    }
}
