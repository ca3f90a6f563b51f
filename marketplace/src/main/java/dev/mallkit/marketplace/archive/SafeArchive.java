package dev.mallkit.marketplace.archive;

import dev.mallkit.marketplace.finding.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Inspects a zip package without extracting it: structure, names, types and declared sizes.
 * {@link CheckedArchive} adds the data of every entry; review ({@link SafeExtractor}) and loading
 * both go through it, so they accept the same packages and read them the same way.
 */
public final class SafeArchive {
    /** Version needed to extract 2.0: deflate, directories; all a plugin package uses. */
    private static final int DEFLATE_VERSION = 20;
    private static final int ZIP64_VERSION = 45;
    private final ArchiveLimits limits;

    public SafeArchive(ArchiveLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** The outcome of an inspection: the raw bytes, the entries in order, and what is wrong. */
    record Inspection(byte[] bytes, List<Entry> entries, List<Finding> findings) {
    }

    /** An entry whose name passed the rules. */
    record Entry(String name, RawEntry raw) {
        boolean directory() {
            return name.endsWith("/");
        }
    }

    /** @return the findings for {@code zip}, reading it as {@link CheckedArchive} does; empty when it may be extracted */
    public List<Finding> check(Path zip) {
        try {
            CheckedArchive.read(zip, limits);
            return List.of();
        } catch (UnsafeArchiveException e) {
            return e.findings();
        }
    }

    /** Structure, names, types and declared sizes; the data itself is checked by {@link EntryData}. */
    Inspection inspect(byte[] bytes) {
        Problems problems = new Problems();
        List<RawEntry> raw;
        try {
            raw = CentralDirectory.read(bytes, limits);
        } catch (MalformedZip e) {
            problems.add(e.problem, e.getMessage());
            return new Inspection(bytes, List.of(), problems.findings());
        }
        List<Entry> entries = checkEntries(raw, problems);
        return new Inspection(bytes, entries, problems.findings());
    }

    private List<Entry> checkEntries(List<RawEntry> raw, Problems problems) {
        List<Entry> entries = new ArrayList<>(raw.size());
        Map<String, String> folded = new HashMap<>();
        Set<String> files = new HashSet<>();
        long total = 0;
        for (RawEntry entry : raw) {
            Optional<String> decoded = EntryNames.decode(entry, problems);
            if (decoded.isEmpty()) {
                continue;
            }
            String name = decoded.get();
            boolean nameOk = EntryNames.check(name, problems);
            checkType(entry, name, problems);
            checkSizes(entry, name, problems);
            total += entry.size();
            String key = EntryNames.foldKey(name);
            if (folded.putIfAbsent(key, name) != null) {
                problems.add(ArchiveProblem.ARCHIVE_DUPLICATE_ENTRY, name);
            }
            if (!name.endsWith("/")) {
                files.add(key);
            }
            if (nameOk) {
                entries.add(new Entry(name, entry));
            }
        }
        for (String key : folded.keySet()) {
            for (int slash = key.indexOf('/'); slash > 0; slash = key.indexOf('/', slash + 1)) {
                if (files.contains(key.substring(0, slash))) {
                    problems.add(ArchiveProblem.ARCHIVE_PATH_CONFLICT, folded.get(key));
                }
            }
        }
        if (total > limits.maxTotalBytes()) {
            problems.add(ArchiveProblem.ARCHIVE_TOO_LARGE, "declared " + total + " bytes");
        }
        return entries;
    }

    private static void checkType(RawEntry entry, String name, Problems problems) {
        int type = entry.unixFileType();
        if (type == RawEntry.UNIX_SYMLINK) {
            problems.add(ArchiveProblem.ARCHIVE_SYMLINK, name);
        } else if (type != 0 && type != RawEntry.UNIX_REGULAR && type != RawEntry.UNIX_DIRECTORY) {
            problems.add(ArchiveProblem.ARCHIVE_SPECIAL_FILE, name);
        }
        int version = entry.versionNeeded() & 0xFF;
        if (version == ZIP64_VERSION) {
            problems.add(ArchiveProblem.ARCHIVE_ZIP64_UNSUPPORTED, name);
        } else if (version > DEFLATE_VERSION || (entry.flags() & ~RawEntry.FLAGS_KNOWN) != 0) {
            problems.add(ArchiveProblem.ARCHIVE_UNSUPPORTED_VERSION, name);
        }
        if (entry.encrypted()) {
            problems.add(ArchiveProblem.ARCHIVE_ENCRYPTED, name);
        }
        if (entry.method() != 0 && entry.method() != 8) {
            problems.add(ArchiveProblem.ARCHIVE_UNSUPPORTED_METHOD, name);
        }
        if (name.endsWith("/") && (entry.size() != 0 || entry.method() == 0 && entry.compressedSize() != 0)) {
            problems.add(ArchiveProblem.ARCHIVE_MALFORMED, name);
        }
    }

    private void checkSizes(RawEntry entry, String name, Problems problems) {
        if (entry.size() > limits.maxEntryBytes()) {
            problems.add(ArchiveProblem.ARCHIVE_ENTRY_TOO_LARGE, name);
        }
        if (entry.method() == 0 && entry.size() != entry.compressedSize()) {
            problems.add(ArchiveProblem.ARCHIVE_SIZE_MISMATCH, name);
        }
        if (entry.size() >= ArchiveLimits.RATIO_FLOOR_BYTES
                && entry.size() > (long) limits.maxRatio() * Math.max(1, entry.compressedSize())) {
            problems.add(ArchiveProblem.ARCHIVE_COMPRESSION_BOMB, name);
        }
        if (ArchiveNames.isArchive(name)) {
            problems.add(ArchiveProblem.ARCHIVE_NESTED_ARCHIVE, name);
        }
    }
}
