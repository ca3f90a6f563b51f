package dev.mallkit.marketplace.archive;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules an entry name must follow to be extracted: relative, canonical, plain. */
final class EntryNames {
    static final int MAX_NAME_LENGTH = 512;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final Path PROBE_ROOT = Path.of("/mallkit-probe/root");

    private EntryNames() {
    }

    /** @return the name, or empty when its bytes cannot be decoded (a finding is added) */
    static Optional<String> decode(RawEntry entry, Problems problems) {
        byte[] bytes = entry.nameBytes();
        if (!entry.utf8()) {
            for (byte b : bytes) {
                if (b < 0) {
                    problems.add(ArchiveProblem.ARCHIVE_BAD_NAME_ENCODING, new String(bytes, StandardCharsets.ISO_8859_1));
                    return Optional.empty();
                }
            }
        }
        try {
            // strict decoding refuses overlong forms such as C0 AE for '.'
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            problems.add(ArchiveProblem.ARCHIVE_BAD_NAME_ENCODING, new String(bytes, StandardCharsets.ISO_8859_1));
            return Optional.empty();
        }
    }

    /** Adds a finding for every rule the name breaks; returns whether it is safe to use. */
    static boolean check(String name, Problems problems) {
        int before = problems.findings().size();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            problems.add(ArchiveProblem.ARCHIVE_BAD_NAME, name);
        }
        if (name.indexOf('\0') >= 0) {
            problems.add(ArchiveProblem.ARCHIVE_NUL_IN_NAME, name);
        } else if (name.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            problems.add(ArchiveProblem.ARCHIVE_CONTROL_CHAR_IN_NAME, name);
        }
        // invisible format characters (soft hyphen, zero-width space, bidi overrides) show one name and are another
        if (!Normalizer.isNormalized(name, Normalizer.Form.NFKC) || name.chars().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
            problems.add(ArchiveProblem.ARCHIVE_UNICODE_CONFUSABLE, name);
        }
        if (name.indexOf('\\') >= 0) {
            problems.add(ArchiveProblem.ARCHIVE_BACKSLASH_IN_NAME, name);
        }
        if (name.startsWith("/")) {
            problems.add(ArchiveProblem.ARCHIVE_ABSOLUTE_PATH, name);
        }
        if (DRIVE.matcher(name).matches()) {
            problems.add(ArchiveProblem.ARCHIVE_DRIVE_LETTER, name);
        } else if (name.indexOf(':') >= 0) {
            problems.add(ArchiveProblem.ARCHIVE_RESERVED_CHAR, name);
        }
        checkSegments(name, problems);
        if (problems.findings().size() == before && escapesRoot(name)) {
            problems.add(ArchiveProblem.ARCHIVE_ESCAPES_ROOT, name);
        }
        return problems.findings().size() == before;
    }

    private static void checkSegments(String name, Problems problems) {
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : List.of(body.replace('\\', '/').split("/", -1))) {
            if (segment.equals("..")) {
                problems.add(ArchiveProblem.ARCHIVE_PATH_TRAVERSAL, name);
            } else if (segment.isEmpty() || segment.equals(".") || segment.endsWith(".") || segment.endsWith(" ")) {
                // Windows drops trailing dots and spaces: "index.mjs." is written as "index.mjs"
                problems.add(ArchiveProblem.ARCHIVE_NONCANONICAL_PATH, name);
            }
        }
    }

    /**
     * The key two names collide under on a case-insensitive file system or class path: full case
     * folding (upper then lower, so "STRASSE" and "straße", "I" and dotless "ı" meet) without the slash
     * that marks a directory.
     */
    static String foldKey(String name) {
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return body.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** The last line of defence: resolve against a root and compare whole segments, never string prefixes. */
    static boolean escapesRoot(String name) {
        try {
            Path resolved = PROBE_ROOT.resolve(name).normalize();
            return !resolved.startsWith(PROBE_ROOT) || resolved.equals(PROBE_ROOT);
        } catch (RuntimeException e) {
            return true;
        }
    }
}
