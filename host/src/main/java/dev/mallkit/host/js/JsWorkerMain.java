package dev.mallkit.host.js;

import dev.mallkit.api.PluginException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
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
    /**
     * Calls one worker runs at once, as many as there are cores (two at least, as the in-process engine ran them); a
     * further call's message waits in the socket until one ends. More would only add sandboxes: a store keeps
     * {@link JsLimits#maxIdle()} idle ones, and each call beyond them created and closed a context of its own.
     */
    static final int CONCURRENT_CALLS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final JsEngine engine;
    private final DataInputStream in;
    private final DataOutputStream out;
    /**
     * Held by the one serving thread that is reading the next message. It lets go as soon as the message is read and
     * handles it itself, while the next thread reads: a call's message wakes exactly one thread, which runs it, instead
     * of a reader that hands it to another (a wake-up on this kind of machine costs tens of microseconds).
     */
    private final ReentrantLock reading = new ReentrantLock();
    private volatile JsSandboxes module;

    private JsWorkerMain(JsEngine engine, DataInputStream in, DataOutputStream out) {
        this.engine = engine;
        this.in = in;
        this.out = out;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(args[0]));
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
        JsEngine engine = new JsEngine(JsLimits.fromArguments(args, 1));
        warm(engine);
        JsWorkerMain worker = new JsWorkerMain(engine, in, out);
        worker.send(o -> o.writeByte(JsWorkerWire.READY));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CALLS; i++) {
            threads.add(Thread.ofPlatform().name("mallkit-js-serve-" + i).start(worker::serve));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Builds Truffle's engine and runs the bootstrap once, so a store's first call does not pay for it. */
    private static void warm(JsEngine engine) {
        try (JsSandboxes empty = new JsSandboxes(engine, Source.newBuilder("js", "export {};", "warm-up.mjs")
                .mimeType("application/javascript+module").buildLiteral())) {
            empty.warmUp(List.of());
        }
    }

    /** One serving thread: read a message while holding {@link #reading}, then handle it. */
    private void serve() {
        try {
            while (true) {
                Runnable handling;
                reading.lock();
                try {
                    handling = next();
                } finally {
                    reading.unlock();
                }
                handling.run();
            }
        } catch (IOException | RuntimeException e) {
            // the socket's end (or a host that broke the protocol): nothing here outlives the host's interest in it
            Runtime.getRuntime().halt(0);
        }
    }

    /** Reads one message and returns what handles it; loads and resets are handled here, in message order. */
    private Runnable next() throws IOException {
        DataInputStream in = JsWorkerWire.readFrame(this.in);
        byte type = in.readByte();
        switch (type) {
            case JsWorkerWire.LOAD -> {
                long id = in.readLong();
                load(id, JsWorkerWire.readText(in, 256), JsWorkerWire.readText(in, MAX_TEXT_BYTES), JsWorkerWire.readTexts(in, 64, 256));
                return () -> { };
            }
            case JsWorkerWire.CALL -> {
                long id = in.readLong();
                String storeId = JsWorkerWire.readText(in, 256);
                String function = JsWorkerWire.readText(in, 256);
                JsArgs args = JsArgs.received(storeId, JsWorkerWire.readText(in, 64), JsWorkerWire.readValues(in, MAX_VALUES, MAX_TEXT_BYTES));
                JsSandboxes current = module;
                return () -> call(id, current, function, args);
            }
            case JsWorkerWire.RESET -> {
                reset();
                return () -> { };
            }
            default -> throw new IOException("unknown message type " + type);
        }
    }

    private void load(long id, String name, String script, List<String> required) throws IOException {
        reset();
        Source source = Source.newBuilder("js", script, name).mimeType("application/javascript+module").buildLiteral();
        JsSandboxes sandboxes = new JsSandboxes(engine, source);
        try {
            List<String> missing = sandboxes.warmUp(required);
            module = sandboxes;
            send(o -> {
                o.writeByte(JsWorkerWire.LOADED);
                o.writeLong(id);
                JsWorkerWire.writeTexts(o, missing);
            });
        } catch (JsPackageException e) {
            sandboxes.close();
            send(o -> {
                o.writeByte(JsWorkerWire.LOAD_FAILED);
                o.writeLong(id);
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
            // the host is gone; the serving threads see the socket's end
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

    private void send(JsWorkerWire.Message message) throws IOException {
        byte[] frame = JsWorkerWire.frame(message);
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }
}
