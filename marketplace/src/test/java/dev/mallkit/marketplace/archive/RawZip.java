package dev.mallkit.marketplace.archive;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
    }

    private final List<Entry> entries = new ArrayList<>();
    private Integer declaredCount;
    private byte[] trailing = new byte[0];
    private byte[] leading = new byte[0];
    private int diskNumber;
    private boolean zip64Marker;

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
        List<Integer> offsets = new ArrayList<>();
        List<byte[]> compressed = new ArrayList<>();
        for (Entry e : entries) {
            byte[] body = e.method == 8 ? deflate(e.data) : e.data;
            compressed.add(body);
            offsets.add(out.size() - leading.length);
            byte[] local = e.localName == null ? e.name : e.localName;
            ByteBuffer h = le(30 + local.length);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) e.flags).putShort((short) e.method)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) crc(e))
                    .putInt((int) compressedSize(e, body)).putInt((int) size(e))
                    .putShort((short) local.length).putShort((short) 0).put(local);
            out.writeBytes(h.array());
            out.writeBytes(body);
        }
        int cdStart = out.size() - leading.length;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int offset = e.localOffsetOverride == null ? offsets.get(i) : offsets.get(e.localOffsetOverride);
            ByteBuffer c = le(46 + e.name.length);
            c.putInt(0x02014b50).putShort((short) e.versionMadeBy).putShort((short) 20).putShort((short) e.flags)
                    .putShort((short) e.method).putShort((short) 0).putShort((short) 0x21).putInt((int) crc(e))
                    .putInt((int) compressedSize(e, compressed.get(i))).putInt((int) size(e))
                    .putShort((short) e.name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt((int) e.externalAttributes).putInt(offset)
                    .put(e.name);
            out.writeBytes(c.array());
        }
        int cdSize = out.size() - leading.length - cdStart;
        int count = declaredCount == null ? entries.size() : declaredCount;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) diskNumber).putShort((short) diskNumber)
                .putShort((short) (zip64Marker ? 0xFFFF : count)).putShort((short) (zip64Marker ? 0xFFFF : count))
                .putInt(cdSize).putInt(cdStart).putShort((short) 0);
        out.writeBytes(end.array());
        out.writeBytes(trailing);
        return patch.apply(out.toByteArray());
    }

    private static long crc(Entry e) {
        if (e.declaredCrc != null) {
            return e.declaredCrc;
        }
        CRC32 crc = new CRC32();
        crc.update(e.data);
        return crc.getValue();
    }

    private static long size(Entry e) {
        return e.declaredSize == null ? e.data.length : e.declaredSize;
    }

    private static long compressedSize(Entry e, byte[] body) {
        return e.declaredCompressedSize == null ? body.length : e.declaredCompressedSize;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
