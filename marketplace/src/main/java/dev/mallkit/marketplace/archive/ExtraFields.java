package dev.mallkit.marketplace.archive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.mallkit.marketplace.archive.MalformedZip.require;

/**
 * Extra fields are (id, length, data) blocks. Both copies of an entry's extra field must be
 * well-formed and carry the same blocks, so that no reader finds data in one that the other lacks.
 */
final class ExtraFields {
    static final int ZIP64 = 0x0001;
    /** The one block writers legitimately shorten in the directory: it keeps only the mtime there. */
    static final int EXTENDED_TIMESTAMP = 0x5455;

    record Block(int id, byte[] data) {
    }

    private ExtraFields() {
    }

    /** @return the blocks, which must tile the field exactly; ZIP64 blocks are refused */
    static List<Block> parse(byte[] extra, String where) throws MalformedZip {
        ByteBuffer buf = ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN);
        List<Block> blocks = new ArrayList<>();
        int pos = 0;
        while (pos < extra.length) {
            require(pos + 4 <= extra.length, ArchiveProblem.ARCHIVE_EXTRA_FIELD_MISMATCH, where + ": truncated extra block header");
            int id = Short.toUnsignedInt(buf.getShort(pos));
            int length = Short.toUnsignedInt(buf.getShort(pos + 2));
            require(pos + 4 + length <= extra.length, ArchiveProblem.ARCHIVE_EXTRA_FIELD_MISMATCH, where + ": extra block overruns the field");
            require(id != ZIP64, ArchiveProblem.ARCHIVE_ZIP64_UNSUPPORTED, where + ": zip64 extra block");
            blocks.add(new Block(id, Arrays.copyOfRange(extra, pos + 4, pos + 4 + length)));
            pos += 4 + length;
        }
        return blocks;
    }

    /** Refuses a local extra field that is not the directory's, up to the extended timestamp's extra times. */
    static void requireMatch(byte[] local, byte[] central, String where) throws MalformedZip {
        List<Block> localBlocks = parse(local, where + " local");
        List<Block> centralBlocks = parse(central, where + " central");
        require(localBlocks.size() == centralBlocks.size(), ArchiveProblem.ARCHIVE_EXTRA_FIELD_MISMATCH,
                where + ": " + localBlocks.size() + " local extra blocks, " + centralBlocks.size() + " in the directory");
        for (int i = 0; i < localBlocks.size(); i++) {
            Block l = localBlocks.get(i);
            Block c = centralBlocks.get(i);
            require(l.id() == c.id() && matches(l, c), ArchiveProblem.ARCHIVE_EXTRA_FIELD_MISMATCH,
                    where + ": extra block " + Integer.toHexString(l.id()) + " differs");
        }
    }

    private static boolean matches(Block local, Block central) {
        if (local.id() != EXTENDED_TIMESTAMP) {
            return Arrays.equals(local.data(), central.data());
        }
        // the directory copy is the flags byte and the mtime; the local one may add atime and ctime
        return central.data().length >= 1 && central.data().length <= local.data().length
                && Arrays.equals(local.data(), 0, central.data().length, central.data(), 0, central.data().length);
    }
}
