package dev.mallkit.host.js;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The host's side of one {@linkplain JsWorkerMain worker process}: sends loads and calls over its socket, matches
 * answers to calls by id, and turns the process's end into the failure of every call still waiting: a worker whose heap
 * ran out fails them with {@code MEMORY_LIMIT_EXCEEDED}, one that did not answer in time is killed. What the worker
 * sends is read with hard bounds, since guest code runs in it.
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
    private static final int MAX_ANSWER_BYTES = 4 * JsLimits.DEFAULT_MAX_OUTPUT * 4;

    private final Process process;
    private final SocketChannel channel;
    private final DataOutputStream out;
    private final JsLimits limits;
    private final int heapMiB;
    private final Consumer<JsWorker> onEnd;
    private final Map<Long, CompletableFuture<String>> calls = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Why the worker ended, once it has. */
    private final CompletableFuture<PluginException> ended = new CompletableFuture<>();
    private volatile CompletableFuture<List<String>> loading = new CompletableFuture<>();
    private volatile boolean killedForTime;

    // the tenancy, guarded by this
    private Object tenant;
    private int inside;
    private long lastUsed;

    private JsWorker(Process process, SocketChannel channel, JsLimits limits, int heapMiB, Consumer<JsWorker> onEnd) {
        this.process = process;
        this.channel = channel;
        this.out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
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
        Path socket = launcher.socket(number);
        Files.deleteIfExists(socket);
        Process process = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            process = launcher.start(socket);
            CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
            Thread.ofVirtual().name("mallkit-js-accept").start(() -> {
                try {
                    accepted.complete(server.accept());
                } catch (IOException e) {
                    accepted.completeExceptionally(e);
                }
            });
            SocketChannel channel = accepted.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            JsWorker worker = new JsWorker(process, channel, launcher.limits(), launcher.heapMiB(), onEnd);
            Thread.ofVirtual().name("mallkit-js-worker-" + number).start(worker::read);
            worker.ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return worker;
        } catch (ExecutionException | TimeoutException e) {
            kill(process);
            throw new IOException("the JavaScript worker did not start: " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a JavaScript worker", e);
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
    List<String> load(String name, String script, List<String> required) {
        CompletableFuture<List<String>> answer = new CompletableFuture<>();
        loading = answer;
        send(o -> {
            o.writeByte(JsWorkerWire.LOAD);
            JsWorkerWire.writeText(o, name);
            JsWorkerWire.writeText(o, script);
            JsWorkerWire.writeTexts(o, required);
        });
        return await(answer, LOAD_TIMEOUT);
    }

    /** @return the result's JSON text, or null when the module does not export {@code function} */
    String call(String storeId, String function, JsArgs args) {
        long id = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        calls.put(id, answer);
        if (ended.isDone()) {
            calls.remove(id);
            throw ended.join();
        }
        send(o -> {
            o.writeByte(JsWorkerWire.CALL);
            o.writeLong(id);
            JsWorkerWire.writeText(o, storeId);
            JsWorkerWire.writeText(o, function);
            JsWorkerWire.writeText(o, args.signature());
            JsWorkerWire.writeValues(o, args.flat());
        });
        try {
            return await(answer, limits.timeBudget().plus(ANSWER_GRACE));
        } finally {
            calls.remove(id);
        }
    }

    /** Closes the module's sandboxes, freeing what they hold, before the worker waits as a spare. */
    void reset() {
        send(o -> o.writeByte(JsWorkerWire.RESET));
    }

    /** @return whether a call may enter for {@code caller}: the worker is alive and still belongs to it */
    synchronized boolean enter(Object caller) {
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
    synchronized void occupy(Object caller) {
        tenant = caller;
        lastUsed = System.nanoTime();
    }

    /** @return the worker's tenant, or null; for the pool's bookkeeping */
    synchronized Object tenant() {
        return tenant;
    }

    /** Takes the worker from {@code from} and gives it to {@code to}, if it still belongs to {@code from} and no call is inside. */
    synchronized boolean hand(Object from, Object to) {
        if (tenant != from || inside > 0 || ended.isDone()) {
            return false;
        }
        tenant = to;
        lastUsed = System.nanoTime();
        return true;
    }

    /** @return when a call last entered, or -1 when a call is inside (it cannot be taken) */
    synchronized long idleSince() {
        return inside > 0 ? -1 : lastUsed;
    }

    boolean alive() {
        return !ended.isDone();
    }

    /** @return the worker's process id, for tests that look at it from outside */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        kill(process);
        try {
            channel.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    private void read() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16))) {
            while (true) {
                byte type = in.readByte();
                switch (type) {
                    case JsWorkerWire.READY -> ready.complete(null);
                    case JsWorkerWire.LOADED -> loading.complete(JsWorkerWire.readTexts(in, 64, 256));
                    case JsWorkerWire.LOAD_FAILED -> loading.completeExceptionally(new JsPackageException(JsWorkerWire.readText(in, 256),
                            in.readInt(), JsWorkerWire.readText(in, MAX_ANSWER_BYTES)));
                    case JsWorkerWire.RESULT -> answer(in.readLong(), JsWorkerWire.readText(in, MAX_ANSWER_BYTES), null);
                    case JsWorkerWire.FAILED -> {
                        long id = in.readLong();
                        ErrorCategory category = ErrorCategory.valueOf(JsWorkerWire.readText(in, 64));
                        String code = JsWorkerWire.readText(in, 64);
                        answer(id, null, new PluginException(category, code, JsErrors.truncate(JsWorkerWire.readText(in, MAX_ANSWER_BYTES))));
                    }
                    default -> throw new IOException("unknown message type " + type);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the socket's end, or a worker that broke the protocol: either way it is finished
        } finally {
            end();
        }
    }

    private void answer(long id, String result, PluginException failure) {
        CompletableFuture<String> call = calls.get(id);
        if (call != null) {
            if (failure == null) {
                call.complete(result);
            } else {
                call.completeExceptionally(failure);
            }
        }
    }

    private void end() {
        int status;
        try {
            // a worker whose heap ran out is exiting on its own: its status says so
            status = process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        close();
        PluginException why = why(status);
        ended.complete(why);
        ready.completeExceptionally(why);
        loading.completeExceptionally(why);
        calls.values().forEach(call -> call.completeExceptionally(why));
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

    /** Waits for an answer; past {@code timeout} the worker is stuck and is killed. */
    private <T> T await(CompletableFuture<T> answer, Duration timeout) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // the call is bounded by its own budgets; the guard's interrupt does not end it sooner
                    interrupted = true;
                }
            }
        } catch (TimeoutException e) {
            killedForTime = true;
            close();
            // the reader sees the socket close and fails every waiting call with the reason
            return awaitEnd();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> T awaitEnd() {
        try {
            throw ended.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "TIME_BUDGET_EXCEEDED", "the script's sandbox did not answer in time");
        }
    }

    private interface Message {
        void write(DataOutputStream out) throws IOException;
    }

    private void send(Message message) {
        try {
            synchronized (out) {
                message.write(out);
                out.flush();
            }
        } catch (IOException e) {
            // the worker is gone: the reader has failed, or is about to fail, every waiting call with the reason
            close();
            awaitEnd();
        }
    }

    private static void kill(Process process) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
