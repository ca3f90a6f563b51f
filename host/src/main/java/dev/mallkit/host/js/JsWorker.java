package dev.mallkit.host.js;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import dev.mallkit.host.isolation.BubblewrapJail;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The host's side of one {@linkplain JsWorkerMain worker process}: sends loads and calls over its socket and matches
 * answers to them by id. One platform thread per worker reads the answers and wakes each caller (callers are mostly
 * virtual threads, which park cheaply). Callers reading the socket themselves saved a wake-up for a lone call but cost
 * a third of the throughput under concurrency, in parked followers polling for their turn and in selectors pinning
 * carrier threads. The socket is non-blocking: callers are interrupted by the guard, and an interrupt during a
 * blocking channel operation closes the channel, which would end the worker for every call in it.
 *
 * <p>The process's end fails every waiting call: one whose heap ran out with {@code MEMORY_LIMIT_EXCEEDED}, one that did
 * not answer within its deadline (killed then) with {@code TIME_BUDGET_EXCEEDED}. What the worker sends is read with
 * hard bounds, since guest code runs in it.
 *
 * <p>A worker serves one tenant at a time (a plugin version's store, see {@link JsWorkerSandboxes}): a call enters only
 * while the worker still belongs to the caller's tenant, and the pool moves a worker to another tenant only when no
 * call is inside, so a call can never run on a module loaded for someone else.
 */
final class JsWorker implements AutoCloseable {

    /** Starting a JVM and building Truffle's engine takes seconds, more on a loaded machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** A module's top level runs under the worker's own budgets; this only catches a worker that stopped answering. */
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    /** How long past its time budget a call's answer may be late before the worker is taken for stuck and killed. */
    private static final Duration ANSWER_GRACE = Duration.ofSeconds(5);
    /** A result is at most the output limit; a message or code far less. */
    private static final int MAX_ANSWER_BYTES = 1 << 20;
    /** Kills workers past a deadline; one thread for every worker of the host. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("mallkit-js-deadlines").factory());

    /** A load or call waiting for its answer. */
    private static final class Pending {
        final Thread waiter = Thread.currentThread();
        volatile boolean done;
        volatile Object answer;
        volatile RuntimeException failure;

        void complete(Object value, RuntimeException error) {
            answer = value;
            failure = error;
            done = true;
            LockSupport.unpark(waiter);
        }
    }

    private final Process process;
    private final SocketChannel channel;
    private final Selector readable;
    /** Bytes read and not yet parsed into frames; the reader thread's alone. */
    private ByteBuffer received = ByteBuffer.allocate(1 << 16);
    private final JsLimits limits;
    private final int heapMiB;
    private final Consumer<JsWorker> onEnd;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean ending = new AtomicBoolean();
    /** Why the worker ended, once it has. */
    private final CompletableFuture<PluginException> ended = new CompletableFuture<>();
    private volatile boolean killedForTime;

    // the tenancy, guarded by this
    private JsWorkerPool.Tenant tenant;
    private int inside;
    private long lastUsed;

    private JsWorker(Process process, SocketChannel channel, JsLimits limits, int heapMiB, Consumer<JsWorker> onEnd) throws IOException {
        this.process = process;
        this.channel = channel;
        channel.configureBlocking(false);
        this.readable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        this.limits = limits;
        this.heapMiB = heapMiB;
        this.onEnd = onEnd;
    }

    /**
     * Starts a worker and waits until its engine is warm.
     *
     * @param onEnd told once when the process has ended, for whatever reason
     */
    static JsWorker start(JsWorkerLauncher launcher, long number, Consumer<JsWorker> onEnd) throws IOException {
        // on a thread of its own: accept() and the first read block, and an interrupt of the caller would close them
        CompletableFuture<JsWorker> started = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("mallkit-js-start-" + number).start(() -> {
            try {
                started.complete(startNow(launcher, number, onEnd));
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
            }
        });
        try {
            return Uninterruptibly.get(started);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static JsWorker startNow(JsWorkerLauncher launcher, long number, Consumer<JsWorker> onEnd) throws IOException {
        Path socket = launcher.socket(number);
        Files.deleteIfExists(socket);
        Process process = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            process = launcher.start(socket);
            Process starting = process;
            // accept() and the first read cannot time out: past the deadline the process is killed and the socket closed
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
                BubblewrapJail.kill(starting);
                closeQuietly(server);
            }, START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try {
                SocketChannel channel = server.accept();
                DataInputStream first = JsWorkerWire.readFrame(new DataInputStream(Channels.newInputStream(channel)));
                if (first.readByte() != JsWorkerWire.READY) {
                    throw new IOException("the worker's first message was not READY");
                }
                JsWorker worker = new JsWorker(process, channel, launcher.limits(), launcher.heapMiB(), onEnd);
                process.onExit().thenRun(worker::end);
                Thread.ofPlatform().daemon().name("mallkit-js-worker-" + number).start(worker::read);
                return worker;
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException e) {
            BubblewrapJail.kill(process);
            throw new IOException("the JavaScript worker did not start: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    /**
     * Evaluates a module in this worker, replacing the one before.
     *
     * @return the names among {@code required} the module does not export as functions
     * @throws JsPackageException when the module does not evaluate
     */
    @SuppressWarnings("unchecked")
    List<String> load(String name, String script, List<String> required) {
        return (List<String>) exchange(LOAD_TIMEOUT, (id, o) -> {
            o.writeByte(JsWorkerWire.LOAD);
            o.writeLong(id);
            JsWorkerWire.writeText(o, name);
            JsWorkerWire.writeText(o, script);
            JsWorkerWire.writeTexts(o, required);
        });
    }

    /** @return the result's JSON text, or null when the module does not export {@code function} */
    String call(String storeId, String function, JsArgs args) {
        return (String) exchange(limits.timeBudget().plus(ANSWER_GRACE), (id, o) -> {
            o.writeByte(JsWorkerWire.CALL);
            o.writeLong(id);
            JsWorkerWire.writeText(o, storeId);
            JsWorkerWire.writeText(o, function);
            JsWorkerWire.writeText(o, args.signature());
            JsWorkerWire.writeValues(o, args.flat());
        });
    }

    /** Closes the module's sandboxes, freeing what they hold, before the worker waits as a spare. */
    void reset() {
        try {
            send(o -> o.writeByte(JsWorkerWire.RESET));
        } catch (IOException e) {
            close();
        }
    }

    /** @return whether a call may enter for {@code caller}: the worker is alive and still belongs to it */
    synchronized boolean enter(JsWorkerPool.Tenant caller) {
        if (tenant != caller || ended.isDone()) {
            return false;
        }
        inside++;
        lastUsed = System.nanoTime();
        return true;
    }

    synchronized void leave() {
        inside--;
    }

    /** Gives the worker to a tenant; it must be unoccupied. */
    synchronized void occupy(JsWorkerPool.Tenant caller) {
        tenant = caller;
        lastUsed = System.nanoTime();
    }

    /** Takes the worker from {@code from} and gives it to {@code to}, if it still belongs to {@code from} and no call is inside. */
    synchronized boolean hand(JsWorkerPool.Tenant from, JsWorkerPool.Tenant to) {
        if (tenant != from || inside > 0 || ended.isDone()) {
            return false;
        }
        tenant = to;
        lastUsed = System.nanoTime();
        return true;
    }

    /** @return the tenant the worker belongs to, or null while it is a spare */
    synchronized JsWorkerPool.Tenant tenant() {
        return tenant;
    }

    /** @return when a call last entered, or -1 when a call is inside (it cannot be taken) */
    synchronized long idleSince() {
        return inside > 0 ? -1 : lastUsed;
    }

    boolean alive() {
        return !ended.isDone();
    }

    @Override
    public void close() {
        BubblewrapJail.kill(process);
        closeQuietly(channel);
        readable.wakeup();
    }

    private interface Request {
        void write(long id, DataOutputStream out) throws IOException;
    }

    /** Sends a request and waits until the reader thread hands over its answer, or the worker's end fails it. */
    private Object exchange(Duration timeout, Request request) {
        long id = ids.incrementAndGet();
        Pending call = new Pending();
        pending.put(id, call);
        ScheduledFuture<?> deadline = null;
        try {
            if (ended.isDone()) {
                throw ended.join();
            }
            send(o -> request.write(id, o));
            deadline = DEADLINES.schedule(() -> {
                killedForTime = true;
                close();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            await(call);
        } catch (IOException e) {
            // the worker is gone: its end fails this call with the reason
            close();
            awaitEnd(call);
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            pending.remove(id);
        }
        if (call.failure != null) {
            throw call.failure;
        }
        return call.answer;
    }

    /** Parks until the answer comes or the worker ends; the deadline, if it passes, kills the worker. */
    private static void await(Pending call) {
        boolean interrupted = false;
        while (!call.done) {
            LockSupport.park(call);
            // an interrupt does not end the wait (the call is bounded by its deadline); it is kept for the caller
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reader thread: answers every frame until the socket ends. */
    private void read() {
        try {
            while (true) {
                readSome();
            }
        } catch (IOException e) {
            // the socket's end: the process is exiting, and how it exits (its heap ran out?) is the reason
            letItExit();
        } catch (RuntimeException e) {
            // a worker that broke the protocol, or a selector closed by the end
            close();
        }
    }

    /** Gives a process whose socket ended a moment to exit with its own status, then kills it. */
    private void letItExit() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // nobody interrupts the reader thread; if something did, the process is killed at once
        }
        close();
    }

    /** After the process ended, waits for {@link #end} to give every waiting call its failure. */
    private void awaitEnd(Pending call) {
        try {
            ended.get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the reason stays unknown
        }
        if (!call.done) {
            call.complete(null, ended.getNow(new PluginException(ErrorCategory.INTERNAL_ERROR, "SANDBOX_ENDED", "the script's sandbox process ended")));
        }
    }

    /** Waits until the socket has bytes, reads them and answers every whole frame among them. */
    private void readSome() throws IOException {
        readable.select();
        readable.selectedKeys().clear();
        if (channel.read(received) < 0) {
            throw new java.io.EOFException("the worker closed its socket");
        }
        received.flip();
        while (received.remaining() >= Integer.BYTES) {
            int length = received.getInt(received.position());
            if (length < 1 || length > JsWorkerWire.MAX_FRAME_BYTES) {
                throw new IOException("a frame of " + length + " bytes");
            }
            if (received.remaining() < Integer.BYTES + length) {
                break;
            }
            byte[] frame = new byte[length];
            received.position(received.position() + Integer.BYTES).get(frame);
            answer(new DataInputStream(new java.io.ByteArrayInputStream(frame)));
        }
        received.compact();
        if (!received.hasRemaining()) {
            // a frame larger than the buffer: grow to hold it
            received = ByteBuffer.allocate(received.capacity() * 2).put(received.flip());
        }
    }

    private void answer(DataInputStream in) throws IOException {
        byte type = in.readByte();
        long id = in.readLong();
        switch (type) {
            case JsWorkerWire.LOADED -> answer(id, JsWorkerWire.readTexts(in, 64, 256), null);
            case JsWorkerWire.LOAD_FAILED -> answer(id, null, new JsPackageException(JsWorkerWire.readText(in, 256), in.readInt(),
                    JsWorkerWire.readText(in, MAX_ANSWER_BYTES)));
            case JsWorkerWire.RESULT -> answer(id, JsWorkerWire.readText(in, MAX_ANSWER_BYTES), null);
            case JsWorkerWire.FAILED -> {
                ErrorCategory category = ErrorCategory.valueOf(JsWorkerWire.readText(in, 64));
                String code = JsWorkerWire.readText(in, 64);
                answer(id, null, new PluginException(category, code, JsErrors.truncate(JsWorkerWire.readText(in, MAX_ANSWER_BYTES))));
            }
            default -> throw new IOException("unknown message type " + type);
        }
    }

    private void answer(long id, Object value, RuntimeException failure) {
        Pending call = pending.get(id);
        if (call != null) {
            call.complete(value, failure);
        }
    }

    /** Once the process has exited: the reason, every waiting call failed with it, the pool told. */
    private void end() {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(channel);
        PluginException why = why(process.exitValue());
        ended.complete(why);
        pending.values().forEach(call -> call.complete(null, why));
        readable.wakeup();
        closeQuietly(readable);
        onEnd.accept(this);
    }

    private PluginException why(int status) {
        if (status == JsWorkerLauncher.OUT_OF_MEMORY) {
            return new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "MEMORY_LIMIT_EXCEEDED",
                    "the script's sandbox used more than its " + heapMiB + " MiB heap and was ended");
        }
        if (killedForTime) {
            return new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "TIME_BUDGET_EXCEEDED",
                    "the script's sandbox did not answer within " + limits.timeBudget().plus(ANSWER_GRACE).toMillis() + " ms and was ended");
        }
        return new PluginException(ErrorCategory.INTERNAL_ERROR, "SANDBOX_ENDED", "the script's sandbox process ended (status " + status + ")");
    }

    /** Writes a whole frame; a full socket buffer (a large module) is waited out briefly, never blocked on. */
    private void send(JsWorkerWire.Message message) throws IOException {
        ByteBuffer frame = ByteBuffer.wrap(JsWorkerWire.frame(message));
        synchronized (channel) {
            while (frame.hasRemaining()) {
                if (channel.write(frame) == 0) {
                    if (ended.isDone()) {
                        throw new IOException("the worker has ended");
                    }
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                }
            }
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closed either way
        }
    }
}
