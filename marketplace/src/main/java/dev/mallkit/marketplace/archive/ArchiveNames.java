package dev.mallkit.marketplace.archive;

import java.util.Locale;

/** Recognises nested archives by name and by content. */
final class ArchiveNames {
    private static final String[] SUFFIXES = {".jar", ".zip", ".war", ".ear", ".jmod", ".gz", ".tar", ".7z", ".rar"};

    private ArchiveNames() {
    }

    static boolean isArchive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** Zip local header magic or gzip magic at the start of the data. */
    static boolean looksLikeArchive(byte[] head, int length) {
        boolean zip = length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5 || head[2] == 7);
        boolean gzip = length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        return zip || gzip;
    }
}
