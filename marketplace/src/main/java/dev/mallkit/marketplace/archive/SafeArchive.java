package dev.mallkit.marketplace.archive;

import dev.mallkit.marketplace.finding.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import static java.util.Objects.requireNonNull;

/**
 * Inspects a zip package without extracting it: structure, names, types and declared sizes.
 * {@link SafeExtractor} extracts only what passed here, and re-checks sizes while inflating.
 */
public final class SafeArchive {
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

    /** @return the findings for {@code zip}; empty when it may be extracted */
    public List<Finding> check(Path zip) {
        return inspect(zip).findings();
    }

    Inspection inspect(Path zip) {
        Problems problems = new Problems();
        byte[] bytes;
        try {
            if (Files.isSymbolicLink(zip) || !Files.isRegularFile(zip)) {
                problems.add(ArchiveProblem.ARCHIVE_UNREADABLE, zip.getFileName().toString());
                return new Inspection(new byte[0], List.of(), problems.findings());
            }
            if (Files.size(zip) > limits.maxArchiveBytes()) {
                problems.add(ArchiveProblem.ARCHIVE_TOO_LARGE, "");
                return new Inspection(new byte[0], List.of(), problems.findings());
            }
            bytes = Files.readAllBytes(zip);
        } catch (IOException e) {
            problems.add(ArchiveProblem.ARCHIVE_UNREADABLE, "");
            return new Inspection(new byte[0], List.of(), problems.findings());
        }
        List<RawEntry> raw;
        try {
            raw = CentralDirectory.read(bytes, limits);
        } catch (CentralDirectory.Malformed e) {
            problems.add(e.problem, e.getMessage());
            return new Inspection(bytes, List.of(), problems.findings());
        }
        List<Entry> entries = checkEntries(raw, problems);
        if (problems.isEmpty()) {
            crossCheck(zip, entries, problems);
        }
        return new Inspection(bytes, entries, problems.findings());
    }

    /**
     * java.util.zip must see exactly the entries the raw reading saw: any difference between two
     * zip parsers is a way to show a reviewer one package and a class loader another.
     */
    private static void crossCheck(Path zip, List<Entry> entries, Problems problems) {
        try (ZipFile jdk = new ZipFile(zip.toFile())) {
            List<String> seen = new ArrayList<>();
            for (ZipEntry entry : java.util.Collections.list(jdk.entries())) {
                seen.add(entry.getName());
            }
            if (!seen.equals(entries.stream().map(Entry::name).toList())) {
                problems.add(ArchiveProblem.ARCHIVE_HEADER_MISMATCH, "java.util.zip lists other entries");
            }
        } catch (ZipException e) {
            problems.add(ArchiveProblem.ARCHIVE_MALFORMED, "java.util.zip: " + e.getMessage());
        } catch (IOException e) {
            problems.add(ArchiveProblem.ARCHIVE_UNREADABLE, "");
        }
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
            String key = (name.endsWith("/") ? name.substring(0, name.length() - 1) : name).toLowerCase(Locale.ROOT);
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
