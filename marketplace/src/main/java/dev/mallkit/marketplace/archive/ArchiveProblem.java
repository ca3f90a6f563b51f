package dev.mallkit.marketplace.archive;

/** Why an archive is refused; the constant's name is the finding code. */
public enum ArchiveProblem {
    ARCHIVE_UNREADABLE("the package could not be read"),
    ARCHIVE_MALFORMED("the zip structure is inconsistent"),
    ARCHIVE_ZIP64_UNSUPPORTED("zip64 archives are not accepted"),
    ARCHIVE_HEADER_MISMATCH("a local header disagrees with the central directory"),
    ARCHIVE_DESCRIPTOR_MISMATCH("a data descriptor is missing or disagrees with the central directory"),
    ARCHIVE_EXTRA_FIELD_MISMATCH("an extra field is malformed or differs between local header and central directory"),
    ARCHIVE_UNREFERENCED_DATA("the package holds bytes outside the entries the central directory names"),
    ARCHIVE_SECOND_END_RECORD("the package has more than one end of central directory record"),
    ARCHIVE_UNSUPPORTED_VERSION("an entry needs a zip feature newer than 2.0 or sets unknown flags"),
    ARCHIVE_OVERLAPPING_ENTRIES("entries share or overlap their data"),
    ARCHIVE_BAD_NAME("an entry name is empty or too long"),
    ARCHIVE_BAD_NAME_ENCODING("an entry name is not valid UTF-8 or not ASCII without the UTF-8 flag"),
    ARCHIVE_NUL_IN_NAME("an entry name contains NUL"),
    ARCHIVE_CONTROL_CHAR_IN_NAME("an entry name contains a control character"),
    ARCHIVE_UNICODE_CONFUSABLE("an entry name changes under Unicode NFKC normalization or holds an invisible format character"),
    ARCHIVE_BACKSLASH_IN_NAME("an entry name contains a backslash"),
    ARCHIVE_ABSOLUTE_PATH("an entry name is absolute"),
    ARCHIVE_DRIVE_LETTER("an entry name starts with a drive letter"),
    ARCHIVE_RESERVED_CHAR("an entry name contains a colon"),
    ARCHIVE_PATH_TRAVERSAL("an entry name has a '..' segment"),
    ARCHIVE_NONCANONICAL_PATH("an entry name has an empty or '.' segment, or a segment ending in a dot or space"),
    ARCHIVE_ESCAPES_ROOT("an entry resolves outside the extraction directory"),
    ARCHIVE_DUPLICATE_ENTRY("two entries have the same name (ignoring case, after case folding)"),
    ARCHIVE_PATH_CONFLICT("an entry is both a file and a directory"),
    ARCHIVE_SYMLINK("an entry is a symbolic link"),
    ARCHIVE_SPECIAL_FILE("an entry is a device, fifo or socket"),
    ARCHIVE_ENCRYPTED("an entry is encrypted"),
    ARCHIVE_UNSUPPORTED_METHOD("an entry uses a compression method other than stored or deflated"),
    ARCHIVE_TOO_LARGE("the package exceeds the size caps"),
    ARCHIVE_TOO_MANY_ENTRIES("the package has too many entries"),
    ARCHIVE_ENTRY_TOO_LARGE("an entry exceeds the entry size cap"),
    ARCHIVE_COMPRESSION_BOMB("an entry's compression ratio exceeds the cap"),
    ARCHIVE_SIZE_MISMATCH("an entry's data does not match its declared sizes"),
    ARCHIVE_CRC_MISMATCH("an entry's data does not match its CRC-32"),
    ARCHIVE_NESTED_ARCHIVE("the package contains another archive");

    private final String description;

    ArchiveProblem(String description) {
        this.description = description;
    }

    /** @return a human sentence naming the problem */
    public String description() {
        return description;
    }
}
