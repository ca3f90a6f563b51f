package dev.mallkit.host.js;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages between the host and a {@linkplain JsWorkerMain JavaScript worker process}, over one Unix domain
 * socket: each a frame of its byte count and its bytes, which are a type byte, then fields as {@link DataOutputStream}
 * writes them, texts as a UTF-8 byte count and the bytes (-1 for null). Frames let the host read without blocking (a
 * blocking read on a thread that is interrupted closes the channel, and the guard interrupts callers). Hand-written rather than a serialisation library: it carries a handful of primitive shapes, and the
 * host must read what an untrusted process writes with hard size bounds and nothing that instantiates classes.
 */
final class JsWorkerWire {

    // host to worker
    /** {@code id, name, script, required functions}: evaluate a module, dropping the one before. */
    static final byte LOAD = 'L';
    /** {@code id, storeId, function, signature, values}: call an exported function. */
    static final byte CALL = 'C';
    /** Close the module's sandboxes: the worker is about to serve another plugin version or store. */
    static final byte RESET = 'R';

    // worker to host
    /** The engine is built and warm. */
    static final byte READY = 'u';
    /** {@code id, missing functions}: the module evaluated. */
    static final byte LOADED = 'l';
    /** {@code id, file, line, message}: the module cannot be loaded. */
    static final byte LOAD_FAILED = 'p';
    /** {@code id, JSON text or null}: a call's result, null when the function is not exported. */
    static final byte RESULT = 'r';
    /** {@code id, category, code, message}: a call failed. */
    static final byte FAILED = 'e';

    private static final byte NULL = 'N';
    private static final byte INT = 'I';
    private static final byte DOUBLE = 'D';
    private static final byte TEXT = 'S';

    /** No frame is larger: a module is at most a package's size, arguments and results far less. */
    static final int MAX_FRAME_BYTES = 32 << 20;

    private JsWorkerWire() {
    }

    /** What writes one message's fields. */
    interface Message {
        void write(DataOutputStream out) throws IOException;
    }

    /** @return the frame of {@code message}: its byte count, then its bytes */
    static byte[] frame(Message message) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0);
        message.write(out);
        out.flush();
        byte[] frame = bytes.toByteArray();
        int length = frame.length - Integer.BYTES;
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        return frame;
    }

    /** Reads one frame from a blocking stream: the worker's side. */
    static DataInputStream readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 1 || length > MAX_FRAME_BYTES) {
            throw new IOException("a frame of " + length + " bytes");
        }
        return new DataInputStream(new java.io.ByteArrayInputStream(in.readNBytes(length)));
    }

    static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** @throws IOException when the text is longer than {@code maxBytes}: the peer broke the protocol */
    static String readText(DataInputStream in, int maxBytes) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > maxBytes) {
            throw new IOException("a text of " + length + " bytes, more than " + maxBytes);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    static void writeTexts(DataOutputStream out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            writeText(out, text);
        }
    }

    static List<String> readTexts(DataInputStream in, int maxCount, int maxBytes) throws IOException {
        int count = count(in, maxCount);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(readText(in, maxBytes));
        }
        return texts;
    }

    /** The primitives of {@link JsArgs#flat()}: strings, integers, doubles and nulls. */
    static void writeValues(DataOutputStream out, List<Object> values) throws IOException {
        out.writeInt(values.size());
        for (Object value : values) {
            switch (value) {
                case null -> out.writeByte(NULL);
                case Integer number -> {
                    out.writeByte(INT);
                    out.writeInt(number);
                }
                case Double number -> {
                    out.writeByte(DOUBLE);
                    out.writeDouble(number);
                }
                case String text -> {
                    out.writeByte(TEXT);
                    writeText(out, text);
                }
                default -> throw new IllegalArgumentException("a JavaScript argument cannot be a " + value.getClass().getName());
            }
        }
    }

    static List<Object> readValues(DataInputStream in, int maxCount, int maxBytes) throws IOException {
        int count = count(in, maxCount);
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte type = in.readByte();
            values.add(switch (type) {
                case NULL -> null;
                case INT -> in.readInt();
                case DOUBLE -> in.readDouble();
                case TEXT -> readText(in, maxBytes);
                default -> throw new IOException("unknown value type " + type);
            });
        }
        return values;
    }

    private static int count(DataInputStream in, int max) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new IOException("a list of " + count + " items, more than " + max);
        }
        return count;
    }
}
