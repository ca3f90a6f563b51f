package dev.mallkit.marketplace.archive;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip files byte by byte, so a test can make every header lie in a chosen way that
 * ZipOutputStream would never produce.
 */
final class RawZip {
    /** One entry and the lies its headers tell. */
    static final class Entry {
        byte[] name;
        byte[] localName;
        byte[] data;
        int method = 8;
        int flags = 0x800;
        int versionMadeBy = 20;
        long externalAttributes;
        Long declaredSize;
        Long declaredCompressedSize;
        Long declaredCrc;
        Integer localOffsetOverride;
        byte[] localExtra = new byte[0];
        byte[] centralExtra = new byte[0];
        Descriptor descriptor = Descriptor.NONE;
        byte[] descriptorBytes;
        final List<Patch> patches = new ArrayList<>();

        Entry(String name, byte[] data) {
            this.name = name.getBytes(StandardCharsets.UTF_8);
            this.data = data;
        }

        Entry rawName(byte[] bytes) {
            this.name = bytes;
            return this;
        }

        Entry stored() {
            method = 0;
            return this;
        }

        Entry method(int value) {
            method = value;
            return this;
        }

        Entry flags(int value) {
            flags = value;
            return this;
        }

        Entry unixMode(int mode) {
            versionMadeBy = (3 << 8) | 20;
            externalAttributes = ((long) mode) << 16;
            return this;
        }

        Entry declaredSize(long value) {
            declaredSize = value;
            return this;
        }

        Entry declaredCompressedSize(long value) {
            declaredCompressedSize = value;
            return this;
        }

        Entry declaredCrc(long value) {
            declaredCrc = value;
            return this;
        }

        Entry localName(String value) {
            localName = value.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Entry sharesDataOf(int entryIndex) {
            localOffsetOverride = entryIndex;
            return this;
        }

        /** The same extra field in both headers. */
        Entry extra(byte[] bytes) {
            return extras(bytes, bytes);
        }

        Entry extras(byte[] local, byte[] central) {
            localExtra = local;
            centralExtra = central;
            return this;
        }

        /** Sets the descriptor flag, zeroes the local CRC and sizes and writes them after the data. */
        Entry descriptor(Descriptor kind) {
            descriptor = kind;
            if (kind != Descriptor.NONE) {
                flags |= 0x08;
            }
            return this;
        }

        /** Writes these bytes after the data instead of the honest descriptor. */
        Entry descriptorBytes(byte[] bytes) {
            descriptorBytes = bytes;
            return this;
        }

        /** Changes one field of one header after it is written. */
        Entry mutate(Side side, Field field, LongUnaryOperator change) {
            patches.add(new Patch(side, field, change));
            return this;
        }
    }

    enum Descriptor { NONE, SIGNED, UNSIGNED }

    enum Side { LOCAL, CENTRAL }

    /** A header field, its offset in the local header and in the central one, and its width. */
    enum Field {
        VERSION_NEEDED(4, 6, 2), FLAGS(6, 8, 2), METHOD(8, 10, 2), TIME(10, 12, 2), DATE(12, 14, 2),
        CRC(14, 16, 4), COMPRESSED_SIZE(18, 20, 4), SIZE(22, 24, 4), NAME_LENGTH(26, 28, 2), EXTRA_LENGTH(28, 30, 2);

        final int local;
        final int central;
        final int width;

        Field(int local, int central, int width) {
            this.local = local;
            this.central = central;
            this.width = width;
        }
    }

    record Patch(Side side, Field field, LongUnaryOperator change) {
        void apply(ByteBuffer header) {
            int at = side == Side.LOCAL ? field.local : field.central;
            long value = field.width == 2 ? Short.toUnsignedLong(header.getShort(at)) : Integer.toUnsignedLong(header.getInt(at));
            long changed = change.applyAsLong(value);
            if (field.width == 2) {
                header.putShort(at, (short) changed);
            } else {
                header.putInt(at, (int) changed);
            }
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private Integer declaredCount;
    private byte[] trailing = new byte[0];
    private byte[] leading = new byte[0];
    private int diskNumber;
    private boolean zip64Marker;
    private final Map<Integer, byte[]> gaps = new HashMap<>();
    private byte[] beforeEnd = new byte[0];
    private byte[] comment = new byte[0];

    /** Unreferenced bytes after entry {@code index}'s data (-1: before the first entry, counted in offsets). */
    RawZip gapAfter(int index, byte[] bytes) {
        gaps.put(index, bytes);
        return this;
    }

    /** Unreferenced bytes between the central directory and the end record. */
    RawZip beforeEnd(byte[] bytes) {
        beforeEnd = bytes;
        return this;
    }

    RawZip comment(byte[] bytes) {
        comment = bytes;
        return this;
    }

    /** The local header and data of {@code e}, as they would be written at the start of a file. */
    static byte[] localRecord(Entry e) {
        byte[] zip = new RawZip().add(e).build();
        int cdStart = ByteBuffer.wrap(zip, zip.length - 6, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOf(zip, cdStart);
    }

    RawZip add(Entry entry) {
        entries.add(entry);
        return this;
    }

    RawZip add(String name, String text) {
        return add(new Entry(name, text.getBytes(StandardCharsets.UTF_8)));
    }

    RawZip declaredCount(int count) {
        declaredCount = count;
        return this;
    }

    RawZip trailing(byte[] bytes) {
        trailing = bytes;
        return this;
    }

    RawZip leading(byte[] bytes) {
        leading = bytes;
        return this;
    }

    RawZip diskNumber(int number) {
        diskNumber = number;
        return this;
    }

    RawZip zip64Marker() {
        zip64Marker = true;
        return this;
    }

    static Entry entry(String name, String text) {
        return new Entry(name, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    byte[] build() {
        return build(UnaryOperator.identity());
    }

    /** @param patch a last chance to corrupt the finished bytes */
    byte[] build(UnaryOperator<byte[]> patch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(leading);
        out.writeBytes(gaps.getOrDefault(-1, new byte[0]));
        List<Integer> offsets = new ArrayList<>();
        List<byte[]> compressed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] body = e.method == 8 ? deflate(e.data) : e.data;
            compressed.add(body);
            offsets.add(out.size() - leading.length);
            byte[] local = e.localName == null ? e.name : e.localName;
            boolean deferred = e.descriptor != Descriptor.NONE;
            ByteBuffer h = le(30 + local.length + e.localExtra.length);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) e.flags).putShort((short) e.method)
                    .putShort((short) 0).putShort((short) 0x21).putInt(deferred ? 0 : (int) crc(e))
                    .putInt(deferred ? 0 : (int) compressedSize(e, body)).putInt(deferred ? 0 : (int) size(e))
                    .putShort((short) local.length).putShort((short) e.localExtra.length).put(local).put(e.localExtra);
            e.patches.stream().filter(p -> p.side() == Side.LOCAL).forEach(p -> p.apply(h));
            out.writeBytes(h.array());
            out.writeBytes(body);
            out.writeBytes(descriptor(e, body));
            out.writeBytes(gaps.getOrDefault(i, new byte[0]));
        }
        int cdStart = out.size() - leading.length;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int offset = e.localOffsetOverride == null ? offsets.get(i) : offsets.get(e.localOffsetOverride);
            ByteBuffer c = le(46 + e.name.length + e.centralExtra.length);
            c.putInt(0x02014b50).putShort((short) e.versionMadeBy).putShort((short) 20).putShort((short) e.flags)
                    .putShort((short) e.method).putShort((short) 0).putShort((short) 0x21).putInt((int) crc(e))
                    .putInt((int) compressedSize(e, compressed.get(i))).putInt((int) size(e))
                    .putShort((short) e.name.length).putShort((short) e.centralExtra.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt((int) e.externalAttributes).putInt(offset)
                    .put(e.name).put(e.centralExtra);
            e.patches.stream().filter(p -> p.side() == Side.CENTRAL).forEach(p -> p.apply(c));
            out.writeBytes(c.array());
        }
        int cdSize = out.size() - leading.length - cdStart;
        out.writeBytes(beforeEnd);
        int count = declaredCount == null ? entries.size() : declaredCount;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) diskNumber).putShort((short) diskNumber)
                .putShort((short) (zip64Marker ? 0xFFFF : count)).putShort((short) (zip64Marker ? 0xFFFF : count))
                .putInt(cdSize).putInt(cdStart).putShort((short) comment.length);
        out.writeBytes(end.array());
        out.writeBytes(comment);
        out.writeBytes(trailing);
        return patch.apply(out.toByteArray());
    }

    private static byte[] descriptor(Entry e, byte[] body) {
        if (e.descriptorBytes != null) {
            return e.descriptorBytes;
        }
        if (e.descriptor == Descriptor.NONE) {
            return new byte[0];
        }
        ByteBuffer d = le(e.descriptor == Descriptor.SIGNED ? 16 : 12);
        if (e.descriptor == Descriptor.SIGNED) {
            d.putInt(0x08074b50);
        }
        d.putInt((int) crc(e)).putInt((int) compressedSize(e, body)).putInt((int) size(e));
        return d.array();
    }

    /** An honest data descriptor for {@code e} with the given fields, for tests that make it lie. */
    static byte[] descriptorOf(boolean signed, long crc, long compressedSize, long size) {
        ByteBuffer d = le(signed ? 16 : 12);
        if (signed) {
            d.putInt(0x08074b50);
        }
        return d.putInt((int) crc).putInt((int) compressedSize).putInt((int) size).array();
    }

    static long crc(Entry e) {
        if (e.declaredCrc != null) {
            return e.declaredCrc;
        }
        CRC32 crc = new CRC32();
        crc.update(e.data);
        return crc.getValue();
    }

    static long size(Entry e) {
        return e.declaredSize == null ? e.data.length : e.declaredSize;
    }

    static long compressedSize(Entry e, byte[] body) {
        return e.declaredCompressedSize == null ? body.length : e.declaredCompressedSize;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
