package dev.mallkit.marketplace.archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Generates the hostile archives: every one must be refused by {@link SafeExtractor}. */
final class HostileCorpus {
    /** Small caps so bombs and floods stay cheap to build. */
    static final ArchiveLimits LIMITS = new ArchiveLimits(8L << 20, 50, 2L << 20, 4L << 20, 20);

    record HostileCase(String label, byte[] zip, String expectedCode) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final List<String[]> PATH_TRICKS = List.of(
            new String[] {"../evil.txt", "ARCHIVE_PATH_TRAVERSAL"},
            new String[] {"../../../../../../evil.txt", "ARCHIVE_PATH_TRAVERSAL"},
            new String[] {"a/../../evil.txt", "ARCHIVE_PATH_TRAVERSAL"},
            new String[] {"a/b/../../../evil.txt", "ARCHIVE_PATH_TRAVERSAL"},
            new String[] {"../mallkit-pkg-sibling/evil.txt", "ARCHIVE_PATH_TRAVERSAL"},
            new String[] {"..", "ARCHIVE_PATH_TRAVERSAL"},
            new String[] {"/evil.txt", "ARCHIVE_ABSOLUTE_PATH"},
            new String[] {"/tmp/evil.txt", "ARCHIVE_ABSOLUTE_PATH"},
            new String[] {"C:/evil.txt", "ARCHIVE_DRIVE_LETTER"},
            new String[] {"c:evil.txt", "ARCHIVE_DRIVE_LETTER"},
            new String[] {"C:\\Windows\\evil.txt", "ARCHIVE_DRIVE_LETTER"},
            new String[] {"..\\evil.txt", "ARCHIVE_BACKSLASH_IN_NAME"},
            new String[] {"a\\..\\..\\evil.txt", "ARCHIVE_BACKSLASH_IN_NAME"},
            new String[] {"evil.txt\0.class", "ARCHIVE_NUL_IN_NAME"},
            new String[] {"evil\n.txt", "ARCHIVE_CONTROL_CHAR_IN_NAME"},
            new String[] {"a/./evil.txt", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"a//evil.txt", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"./evil.txt", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"evil.txt:stream", "ARCHIVE_RESERVED_CHAR"},
            new String[] {"\uFF0E\uFF0E/evil.txt", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"\u2025/evil.txt", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"\uFF0E\uFF0E\uFF0Fevil.txt", "ARCHIVE_UNICODE_CONFUSABLE"});

    private static final List<String> NESTING = List.of("", "ok/", "ok/deep/er/");

    private HostileCorpus() {
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        pathTricks(cases);
        encodings(cases);
        links(cases);
        duplicates(cases);
        floods(cases);
        bombsAndLyingSizes(cases);
        nested(cases);
        structure(cases);
        MismatchCorpus.addTo(cases);
        NameCorpus.addTo(cases);
        return cases;
    }

    private static void pathTricks(List<HostileCase> cases) {
        for (String[] trick : PATH_TRICKS) {
            for (String prefix : NESTING) {
                for (boolean utf8Flag : new boolean[] {true, false}) {
                    String name = prefix + trick[0];
                    boolean ascii = name.chars().allMatch(c -> c < 0x80);
                    String expected = ascii || utf8Flag ? trick[1] : "ARCHIVE_BAD_NAME_ENCODING";
                    RawZip.Entry evil = RawZip.entry(name, "pwned").flags(utf8Flag ? 0x800 : 0);
                    byte[] zip = new RawZip().add("readme.txt", "fine").add(evil).build();
                    cases.add(new HostileCase("path " + (utf8Flag ? "utf8 " : "plain ") + name, zip,
                            prefix.isEmpty() || !trick[1].equals("ARCHIVE_ABSOLUTE_PATH") && !trick[1].equals("ARCHIVE_DRIVE_LETTER")
                                    ? expected : null));
                }
            }
        }
    }

    private static void encodings(List<HostileCase> cases) {
        byte[][] names = {
                {(byte) 0xC0, (byte) 0xAE, (byte) 0xC0, (byte) 0xAE, '/', 'e', 'v', 'i', 'l'},
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAE, '.', '/', 'e'},
                {(byte) 0xC0, (byte) 0xAF, 'e', 't', 'c'},
                {'e', (byte) 0xFF, 'v'},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 'x'}};
        for (byte[] name : names) {
            for (int flags : new int[] {0x800, 0}) {
                byte[] zip = new RawZip().add(RawZip.entry("x", "pwned").rawName(name).flags(flags)).build();
                cases.add(new HostileCase("encoding " + Arrays.toString(name) + " flags " + flags, zip, "ARCHIVE_BAD_NAME_ENCODING"));
            }
        }
    }

    private static void links(List<HostileCase> cases) {
        for (String target : List.of("/etc/passwd", "../../", "/tmp")) {
            for (String name : List.of("link", "a/link", "classes/dev/X.class")) {
                RawZip.Entry link = RawZip.entry(name, target).stored().unixMode(0120777);
                cases.add(new HostileCase("symlink " + name + " -> " + target,
                        new RawZip().add(link).add("readme.txt", "x").build(), "ARCHIVE_SYMLINK"));
            }
        }
        RawZip.Entry dirLink = RawZip.entry("dir/", "").stored().unixMode(0120755);
        cases.add(new HostileCase("symlinked directory", new RawZip().add(dirLink).add("dir/x.txt", "x").build(), "ARCHIVE_SYMLINK"));
        for (int mode : new int[] {0010644, 0020644, 0060644, 0140644}) {
            RawZip.Entry special = RawZip.entry("dev" + mode, "").stored().unixMode(mode);
            cases.add(new HostileCase("special file mode " + Integer.toOctalString(mode), new RawZip().add(special).build(), "ARCHIVE_SPECIAL_FILE"));
        }
    }

    private static void duplicates(List<HostileCase> cases) {
        List<List<String>> sets = List.of(
                List.of("a.txt", "a.txt"),
                List.of("A.txt", "a.txt"),
                List.of("dev/X.class", "dev/X.class"),
                List.of("mallkit-plugin.json", "MALLKIT-PLUGIN.JSON"),
                List.of("x", "x", "x"),
                List.of("dir/", "dir"),
                List.of("Dir/f.txt", "dir/F.TXT"),
                List.of("mallkit-plugin.json", "mallkit-plugin.json"));
        for (List<String> names : sets) {
            RawZip zip = new RawZip();
            int i = 0;
            for (String name : names) {
                zip.add(name, name.endsWith("/") ? "" : "content " + i++);
            }
            cases.add(new HostileCase("duplicates " + names, zip.build(), "ARCHIVE_DUPLICATE_ENTRY"));
        }
        cases.add(new HostileCase("file then directory", new RawZip().add("a", "file").add("a/b.txt", "x").build(), "ARCHIVE_PATH_CONFLICT"));
    }

    private static void floods(List<HostileCase> cases) {
        for (int count : new int[] {51, 200, 2000}) {
            RawZip zip = new RawZip();
            for (int i = 0; i < count; i++) {
                zip.add(RawZip.entry("f" + i, "").stored());
            }
            cases.add(new HostileCase(count + " entries", zip.build(), "ARCHIVE_TOO_MANY_ENTRIES"));
        }
        cases.add(new HostileCase("end record claims 60000 entries",
                new RawZip().add("a", "x").declaredCount(60000).build(), "ARCHIVE_TOO_MANY_ENTRIES"));
    }

    private static void bombsAndLyingSizes(List<HostileCase> cases) {
        for (int mib : new int[] {1, 2, 3}) {
            cases.add(new HostileCase("zero bomb " + mib + " MiB",
                    new RawZip().add(new RawZip.Entry("bomb.bin", new byte[mib << 20])).build(), "ARCHIVE_COMPRESSION_BOMB"));
        }
        byte[] noise = new byte[3 << 20];
        new Random(7).nextBytes(noise);
        cases.add(new HostileCase("entry over the cap", new RawZip().add(new RawZip.Entry("big.bin", noise).stored()).build(), "ARCHIVE_ENTRY_TOO_LARGE"));
        byte[] part = Arrays.copyOf(noise, (3 << 20) / 2);
        cases.add(new HostileCase("total over the cap", new RawZip()
                .add(new RawZip.Entry("p1.bin", part).stored()).add(new RawZip.Entry("p2.bin", part).stored())
                .add(new RawZip.Entry("p3.bin", part).stored()).build(), "ARCHIVE_TOO_LARGE"));
        byte[] zeros = new byte[1 << 20];
        for (long declared : new long[] {0, 1, 1000, 60_000}) {
            cases.add(new HostileCase("deflated bomb declaring " + declared + " bytes",
                    new RawZip().add(new RawZip.Entry("lie.bin", zeros).declaredSize(declared)).build(), "ARCHIVE_SIZE_MISMATCH"));
        }
        for (long declared : new long[] {0xFFFFFFFEL, 3L << 20, 100L << 20}) {
            cases.add(new HostileCase("declares " + declared + " bytes",
                    new RawZip().add(RawZip.entry("huge.txt", "tiny").declaredSize(declared)).build(), "ARCHIVE_ENTRY_TOO_LARGE"));
        }
        cases.add(new HostileCase("deflated entry declares more than it holds",
                new RawZip().add(RawZip.entry("short.txt", "tiny but honest").declaredSize(500)).build(), "ARCHIVE_SIZE_MISMATCH"));
        cases.add(new HostileCase("stored sizes disagree",
                new RawZip().add(RawZip.entry("s.txt", "stored").stored().declaredSize(3)).build(), "ARCHIVE_SIZE_MISMATCH"));
        cases.add(new HostileCase("wrong crc stored",
                new RawZip().add(RawZip.entry("c.txt", "content").stored().declaredCrc(12345)).build(), "ARCHIVE_CRC_MISMATCH"));
        cases.add(new HostileCase("wrong crc deflated",
                new RawZip().add(RawZip.entry("c.txt", "content").declaredCrc(0)).build(), "ARCHIVE_CRC_MISMATCH"));
        cases.add(new HostileCase("compressed size overruns the directory",
                new RawZip().add(RawZip.entry("o.txt", "content").declaredCompressedSize(1 << 20)).build(), "ARCHIVE_MALFORMED"));
        cases.add(new HostileCase("truncated deflate stream",
                new RawZip().add(new RawZip.Entry("t.bin", noise.clone()).declaredCompressedSize(100)).build(), null));
        cases.add(new HostileCase("overlapping entries share one body",
                new RawZip().add(RawZip.entry("a.txt", "shared")).add(RawZip.entry("a.txt", "shared").sharesDataOf(0)).build(), null));
        cases.add(new HostileCase("overlapping entries, different names",
                new RawZip().add(RawZip.entry("a.txt", "shared")).add(RawZip.entry("b.txt", "shared").sharesDataOf(0)).build(), null));
    }

    private static void nested(List<HostileCase> cases) {
        for (String[] trick : PATH_TRICKS.subList(0, 10)) {
            byte[] inner = new RawZip().add(trick[0], "pwned").build();
            for (String name : List.of("inner.zip", "lib/inner.jar", "data/inner.dat")) {
                cases.add(new HostileCase("nested " + name + " holding " + trick[0],
                        new RawZip().add(new RawZip.Entry(name, inner)).build(), "ARCHIVE_NESTED_ARCHIVE"));
            }
        }
        byte[] clean = new RawZip().add("ok.txt", "fine").build();
        cases.add(new HostileCase("nested clean zip in disguise", new RawZip().add(new RawZip.Entry("x.bin", clean).stored()).build(), "ARCHIVE_NESTED_ARCHIVE"));
    }

    private static void structure(List<HostileCase> cases) {
        byte[] good = new RawZip().add("a.txt", "alpha").add("b.txt", "beta").build();
        cases.add(new HostileCase("empty file", new byte[0], "ARCHIVE_MALFORMED"));
        cases.add(new HostileCase("text file", "not a zip at all".getBytes(StandardCharsets.UTF_8), "ARCHIVE_MALFORMED"));
        cases.add(new HostileCase("truncated at half", Arrays.copyOf(good, good.length / 2), "ARCHIVE_MALFORMED"));
        cases.add(new HostileCase("trailing garbage", new RawZip().add("a.txt", "x").trailing(new byte[] {1, 2, 3}).build(), "ARCHIVE_UNREFERENCED_DATA"));
        cases.add(new HostileCase("prepended data", new RawZip().add("a.txt", "x").leading(new byte[64]).build(), "ARCHIVE_UNREFERENCED_DATA"));
        cases.add(new HostileCase("entry count too low", new RawZip().add("a.txt", "x").add("b.txt", "y").declaredCount(1).build(), "ARCHIVE_MALFORMED"));
        cases.add(new HostileCase("entry count too high", new RawZip().add("a.txt", "x").declaredCount(2).build(), "ARCHIVE_MALFORMED"));
        cases.add(new HostileCase("multi-disk", new RawZip().add("a.txt", "x").diskNumber(1).build(), "ARCHIVE_MALFORMED"));
        cases.add(new HostileCase("zip64 marker", new RawZip().add("a.txt", "x").zip64Marker().build(), "ARCHIVE_ZIP64_UNSUPPORTED"));
        cases.add(new HostileCase("encrypted entry", new RawZip().add(RawZip.entry("a.txt", "x").flags(0x801)).build(), "ARCHIVE_ENCRYPTED"));
        cases.add(new HostileCase("bzip2 method", new RawZip().add(RawZip.entry("a.txt", "x").stored().method(12)).build(), "ARCHIVE_UNSUPPORTED_METHOD"));
        cases.add(new HostileCase("local header hides a traversal",
                new RawZip().add(RawZip.entry("ok.txt", "x").localName("../evil.txt")).build(), "ARCHIVE_HEADER_MISMATCH"));
        cases.add(new HostileCase("local header renames a class",
                new RawZip().add(RawZip.entry("a.class", "x").localName("b.class")).build(), "ARCHIVE_HEADER_MISMATCH"));
        cases.add(new HostileCase("directory with content", new RawZip().add(RawZip.entry("d/", "data").stored()).build(), "ARCHIVE_MALFORMED"));
        cases.add(new HostileCase("empty name", new RawZip().add(RawZip.entry("", "x")).build(), "ARCHIVE_BAD_NAME"));
        cases.add(new HostileCase("name too long", new RawZip().add(RawZip.entry("a".repeat(600), "x")).build(), "ARCHIVE_BAD_NAME"));
        cases.add(new HostileCase("central directory signature broken", new RawZip().add("a.txt", "x").build(bytes -> {
            byte[] copy = bytes.clone();
            copy[copy.length - 22 - 46 - 5] ^= 0x55;
            return copy;
        }), "ARCHIVE_MALFORMED"));
    }
}
