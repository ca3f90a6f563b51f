package dev.mallkit.marketplace.archive;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static dev.mallkit.marketplace.archive.CentralDirectory.LOCAL_HEADER_SIZE;
import static dev.mallkit.marketplace.archive.CentralDirectory.u16;
import static dev.mallkit.marketplace.archive.CentralDirectory.u32;
import static dev.mallkit.marketplace.archive.MalformedZip.require;

/**
 * Holds each local header, its data and its data descriptor to the directory's word: every field
 * both carry is equal, and the entries tile the file from offset 0 to the central directory with no
 * gap and no overlap. A reader walking local headers then meets exactly the directory's entries.
 */
final class LocalHeaders {
    static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int DESCRIPTOR_SIGNATURE = 0x08074b50;
    private static final int DESCRIPTOR_SIZE = 12;

    private LocalHeaders() {
    }

    static void check(ByteBuffer buf, List<RawEntry> entries, int cdOffset) throws MalformedZip {
        List<RawEntry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(RawEntry::localHeaderOffset));
        long expected = 0;
        for (RawEntry entry : byOffset) {
            long local = entry.localHeaderOffset();
            require(local >= expected, ArchiveProblem.ARCHIVE_OVERLAPPING_ENTRIES, "entry data overlaps at offset " + local);
            require(local == expected, ArchiveProblem.ARCHIVE_UNREFERENCED_DATA, unreferenced(buf, expected, local));
            expected = checkEntry(buf, entry, (int) local, cdOffset);
        }
        require(expected == cdOffset, ArchiveProblem.ARCHIVE_UNREFERENCED_DATA, unreferenced(buf, expected, cdOffset));
    }

    /** @return where the entry ends: after its data and its descriptor */
    private static long checkEntry(ByteBuffer buf, RawEntry entry, int local, int cdOffset) throws MalformedZip {
        String where = "entry at offset " + local;
        require(local + LOCAL_HEADER_SIZE <= cdOffset && buf.getInt(local) == LOCAL_SIGNATURE, ArchiveProblem.ARCHIVE_MALFORMED,
                "no local header at offset " + local);
        int nameLength = u16(buf, local + 26);
        int extraLength = u16(buf, local + 28);
        mismatch(u16(buf, local + 4) != entry.versionNeeded(), where, "version needed");
        mismatch(u16(buf, local + 6) != entry.flags(), where, "flags");
        mismatch(u16(buf, local + 8) != entry.method(), where, "method");
        mismatch(u16(buf, local + 10) != entry.time(), where, "time");
        mismatch(u16(buf, local + 12) != entry.date(), where, "date");
        mismatch(nameLength != entry.nameBytes().length, where, "name length");
        long crc = u32(buf, local + 14);
        long compressed = u32(buf, local + 18);
        long size = u32(buf, local + 22);
        // a streaming writer leaves the local values zero and writes them after the data instead
        boolean deferred = entry.hasDescriptor() && crc == 0 && compressed == 0 && size == 0;
        mismatch(!deferred && (crc != entry.crc() || compressed != entry.compressedSize() || size != entry.size()), where, "CRC or sizes");
        long dataStart = (long) local + LOCAL_HEADER_SIZE + nameLength + extraLength;
        require(dataStart + entry.compressedSize() <= cdOffset, ArchiveProblem.ARCHIVE_MALFORMED, where + ": data overruns the central directory");
        byte[] name = new byte[nameLength];
        buf.get(local + LOCAL_HEADER_SIZE, name);
        mismatch(!Arrays.equals(name, entry.nameBytes()), where, "name");
        byte[] extra = new byte[extraLength];
        buf.get(local + LOCAL_HEADER_SIZE + nameLength, extra);
        ExtraFields.requireMatch(extra, entry.extra(), where);
        long dataEnd = dataStart + entry.compressedSize();
        if (!entry.hasDescriptor()) {
            return dataEnd;
        }
        require(entry.method() == 8, ArchiveProblem.ARCHIVE_DESCRIPTOR_MISMATCH, where + ": a stored entry's end cannot be found by a streaming reader");
        return dataEnd + descriptorLength(buf, entry, (int) dataEnd, cdOffset, where);
    }

    /** The descriptor may start with a signature; either way its values must be the directory's. */
    private static int descriptorLength(ByteBuffer buf, RawEntry entry, int at, int cdOffset, String where) throws MalformedZip {
        if (at + 4 + DESCRIPTOR_SIZE <= cdOffset && buf.getInt(at) == DESCRIPTOR_SIGNATURE && describes(buf, at + 4, entry)) {
            return 4 + DESCRIPTOR_SIZE;
        }
        require(at + DESCRIPTOR_SIZE <= cdOffset && describes(buf, at, entry), ArchiveProblem.ARCHIVE_DESCRIPTOR_MISMATCH,
                where + ": the data descriptor is missing or disagrees");
        return DESCRIPTOR_SIZE;
    }

    private static boolean describes(ByteBuffer buf, int at, RawEntry entry) {
        return u32(buf, at) == entry.crc() && u32(buf, at + 4) == entry.compressedSize() && u32(buf, at + 8) == entry.size();
    }

    private static void mismatch(boolean differs, String where, String field) throws MalformedZip {
        require(!differs, ArchiveProblem.ARCHIVE_HEADER_MISMATCH, where + ": local header " + field + " differs from the directory");
    }

    private static String unreferenced(ByteBuffer buf, long from, long to) {
        boolean header = to - from >= 4 && buf.getInt((int) from) == LOCAL_SIGNATURE;
        return (header ? "an unreferenced local header" : (to - from) + " unreferenced bytes") + " at offset " + from;
    }
}
