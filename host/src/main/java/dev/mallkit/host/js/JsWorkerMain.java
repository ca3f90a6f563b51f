package dev.mallkit.host.js;

import dev.mallkit.api.PluginException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.graalvm.polyglot.Source;

/**
 * A JavaScript worker process: the JVM the host starts (jailed where it can, see {@link JsWorkerLauncher}) to run the
 * module of one plugin version for one store, so that its heap, bounded by {@code -Xmx} and ended by
 * {@code -XX:+ExitOnOutOfMemoryError}, is the hard memory bound GraalVM's community edition has no in-process way to
 * give. Inside, the module runs exactly as it would in the host: {@link JsSandboxes} on a {@link JsEngine}, with the
 * statement limit, time budget and allocation budgets. The worker connects to the host's socket, builds and warms its
 * engine, answers {@link JsWorkerWire#READY} and then serves messages until the host closes the socket.
 *
 * <p>Arguments: the socket's path, then {@link JsLimits#asArguments()}.
 */
public final class JsWorkerMain {

    /** No host-to-worker text is larger: a module is at most a package's size, arguments at most the input limit. */
    static final int MAX_TEXT_BYTES = 16 << 20;
    static final int MAX_VALUES = 1 << 20;

    private final JsEngine engine;
    private final DataOutputStream out;
    private final ExecutorService calls = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("mallkit-js-call-", 0).factory());
    private volatile JsSandboxes module;

    private JsWorkerMain(JsEngine engine, DataOutputStream out) {
        this.engine = engine;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(args[0]));
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
        JsEngine engine = new JsEngine(JsLimits.fromArguments(args, 1));
        warm(engine);
        JsWorkerMain worker = new JsWorkerMain(engine, out);
        worker.send(o -> o.writeByte(JsWorkerWire.READY));
        try {
            worker.serve(in);
        } catch (EOFException e) {
            // the host closed the socket: this worker is no longer needed
        }
        // guest calls may still be running: the process ends with them
        Runtime.getRuntime().halt(0);
    }

    /** Builds Truffle's engine and runs the bootstrap once, so a store's first call does not pay for it. */
    private static void warm(JsEngine engine) {
        try (JsSandboxes empty = new JsSandboxes(engine, Source.newBuilder("js", "export {};", "warm-up.mjs")
                .mimeType("application/javascript+module").buildLiteral())) {
            empty.warmUp(List.of());
        }
    }

    private void serve(DataInputStream in) throws IOException {
        while (true) {
            byte type = in.readByte();
            switch (type) {
                case JsWorkerWire.LOAD -> load(JsWorkerWire.readText(in, 256), JsWorkerWire.readText(in, MAX_TEXT_BYTES),
                        JsWorkerWire.readTexts(in, 64, 256));
                case JsWorkerWire.CALL -> {
                    long id = in.readLong();
                    String storeId = JsWorkerWire.readText(in, 256);
                    String function = JsWorkerWire.readText(in, 256);
                    JsArgs args = JsArgs.received(storeId, JsWorkerWire.readText(in, 64), JsWorkerWire.readValues(in, MAX_VALUES, MAX_TEXT_BYTES));
                    JsSandboxes current = module;
                    calls.execute(() -> call(id, current, function, args));
                }
                case JsWorkerWire.RESET -> reset();
                default -> throw new IOException("unknown message type " + type);
            }
        }
    }

    private void load(String name, String script, List<String> required) throws IOException {
        reset();
        Source source = Source.newBuilder("js", script, name).mimeType("application/javascript+module").buildLiteral();
        JsSandboxes sandboxes = new JsSandboxes(engine, source);
        try {
            List<String> missing = sandboxes.warmUp(required);
            module = sandboxes;
            send(o -> {
                o.writeByte(JsWorkerWire.LOADED);
                JsWorkerWire.writeTexts(o, missing);
            });
        } catch (JsPackageException e) {
            sandboxes.close();
            send(o -> {
                o.writeByte(JsWorkerWire.LOAD_FAILED);
                JsWorkerWire.writeText(o, e.file());
                o.writeInt(e.line());
                // the host's exception puts file and line before the message again
                String where = (e.line() > 0 ? e.file() + ":" + e.line() : e.file()) + ": ";
                String message = e.getMessage();
                JsWorkerWire.writeText(o, message.startsWith(where) ? message.substring(where.length()) : message);
            });
        }
    }

    private void reset() {
        JsSandboxes current = module;
        module = null;
        if (current != null) {
            current.close();
        }
    }

    private void call(long id, JsSandboxes sandboxes, String function, JsArgs args) {
        try {
            if (sandboxes == null) {
                throw new IllegalStateException("no module is loaded");
            }
            String result = sandboxes.call(args.storeId(), function, args);
            send(o -> {
                o.writeByte(JsWorkerWire.RESULT);
                o.writeLong(id);
                JsWorkerWire.writeText(o, result);
            });
        } catch (PluginException e) {
            failed(id, e.category().name(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            failed(id, "INTERNAL_ERROR", "SCRIPT_ERROR", JsErrors.truncate(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            // the host is gone; main() ends the process when it reads the end of the socket
        }
    }

    private void failed(long id, String category, String code, String message) {
        try {
            send(o -> {
                o.writeByte(JsWorkerWire.FAILED);
                o.writeLong(id);
                JsWorkerWire.writeText(o, category);
                JsWorkerWire.writeText(o, code);
                JsWorkerWire.writeText(o, message);
            });
        } catch (IOException e) {
            // as above
        }
    }

    private interface Message {
        void write(DataOutputStream out) throws IOException;
    }

    private void send(Message message) throws IOException {
        synchronized (out) {
            message.write(out);
            out.flush();
        }
    }
}
