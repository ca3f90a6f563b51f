package dev.mallkit.marketplace.archive;

import dev.mallkit.marketplace.archive.HostileCorpus.HostileCase;
import java.util.List;

/**
 * Names that a file system, a class path or a later normaliser would turn into another name: every
 * class, at the root and nested, next to the honest file it would shadow.
 */
final class NameCorpus {
    private static final List<String[]> NAMES = List.of(
            new String[] {"js\\index.mjs", "ARCHIVE_BACKSLASH_IN_NAME"},
            new String[] {"index.mjs\\", "ARCHIVE_BACKSLASH_IN_NAME"},
            new String[] {"\\index.mjs", "ARCHIVE_BACKSLASH_IN_NAME"},
            new String[] {"./index.mjs", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"js/./index.mjs", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"js/.", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"js//index.mjs", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"js///index.mjs", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"js/x/../index.mjs", "ARCHIVE_PATH_TRAVERSAL"},
            new String[] {"index.mjs.", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"index.mjs..", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"js./index.mjs", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"index.mjs ", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"index.mjs  ", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"js /index.mjs", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"index.mjs. .", "ARCHIVE_NONCANONICAL_PATH"},
            new String[] {"caf\u0065\u0301.mjs", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"\u0041\u030A.mjs", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"\u1100\u1161.mjs", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"index\uFF0Emjs", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"\uFB01le.mjs", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"\u212Aey.mjs", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"index\u2024mjs", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"ind\u00ADex.mjs", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"index\u200B.mjs", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"\u202Esjm.xedni", "ARCHIVE_UNICODE_CONFUSABLE"},
            new String[] {"index.mjs\t", "ARCHIVE_CONTROL_CHAR_IN_NAME"},
            new String[] {"index\r.mjs", "ARCHIVE_CONTROL_CHAR_IN_NAME"},
            new String[] {"\u001b[31mindex.mjs", "ARCHIVE_CONTROL_CHAR_IN_NAME"},
            new String[] {"index\u007f.mjs", "ARCHIVE_CONTROL_CHAR_IN_NAME"},
            new String[] {"index\u0085.mjs", "ARCHIVE_CONTROL_CHAR_IN_NAME"},
            new String[] {"index\u009b.mjs", "ARCHIVE_CONTROL_CHAR_IN_NAME"},
            new String[] {"index.mjs\0", "ARCHIVE_NUL_IN_NAME"});

    /** Pairs that are one name on a case-insensitive or case-folding system. */
    private static final List<String[]> COLLISIONS = List.of(
            new String[] {"index.mjs", "Index.mjs"},
            new String[] {"index.mjs", "INDEX.MJS"},
            new String[] {"mallkit-plugin.json", "Mallkit-Plugin.json"},
            new String[] {"js/index.mjs", "JS/index.mjs"},
            new String[] {"stra\u00DFe.mjs", "STRASSE.mjs"},
            new String[] {"\u0131ndex.mjs", "index.mjs"},
            new String[] {"\u017Fetup.mjs", "setup.mjs"},
            new String[] {"dev/A.class", "dev/a.class"});

    private static final List<String> NESTING = List.of("", "js/", "a/b/");

    private NameCorpus() {
    }

    static void addTo(List<HostileCase> cases) {
        for (String[] name : NAMES) {
            for (String prefix : NESTING) {
                byte[] zip = new RawZip().add("mallkit-plugin.json", "{}").add("index.mjs", "export default 1;")
                        .add(prefix + name[0], "export default 2;").build();
                cases.add(new HostileCase("name '" + Problems.printable(prefix + name[0]) + "'", zip, name[1]));
            }
        }
        for (String[] pair : COLLISIONS) {
            for (String prefix : NESTING) {
                byte[] zip = new RawZip().add(prefix + pair[0], "one").add(prefix + pair[1], "two").build();
                cases.add(new HostileCase("names " + prefix + pair[0] + " and " + prefix + pair[1], zip, "ARCHIVE_DUPLICATE_ENTRY"));
            }
        }
        nonUtf8(cases);
    }

    /** Bytes that decode to different names under UTF-8, CP437 or Latin-1: only flagged UTF-8 is read. */
    private static void nonUtf8(List<HostileCase> cases) {
        byte[][] names = {
                {'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9, '.', 'm', 'j', 's'},
                {'c', 'a', 'f', (byte) 0xE9, '.', 'm', 'j', 's'},
                {(byte) 0x82, 'n', 'd', 'e', 'x', '.', 'm', 'j', 's'},
                {(byte) 0xE4, (byte) 0xB8, (byte) 0xAD, '.', 'm', 'j', 's'},
                {'i', 'n', 'd', 'e', 'x', (byte) 0xC0, (byte) 0xAE, 'm', 'j', 's'},
                {'i', 'n', 'd', 'e', 'x', (byte) 0xE0, (byte) 0x80, (byte) 0xAE, 'm', 'j', 's'},
                {'i', 'n', 'd', 'e', 'x', (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAE, 'm', 'j', 's'},
                {'i', 'n', 'd', 'e', 'x', (byte) 0xC1, (byte) 0xBF}};
        for (int i = 0; i < names.length; i++) {
            boolean validUtf8 = i == 0 || i == 3;
            for (int flags : new int[] {0, 0x800}) {
                if (validUtf8 && flags == 0x800) {
                    continue;
                }
                byte[] zip = new RawZip().add(RawZip.entry("x", "export default 2;").rawName(names[i]).flags(flags)).build();
                cases.add(new HostileCase("name bytes " + i + " flags " + flags, zip, "ARCHIVE_BAD_NAME_ENCODING"));
            }
        }
    }
}
