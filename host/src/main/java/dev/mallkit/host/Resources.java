package dev.mallkit.host;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a host opened and must release: closed in the reverse order of opening, each whatever the others do. */
final class Resources {
    private static final Logger LOG = LoggerFactory.getLogger(Resources.class);
    private final Deque<Runnable> closers = new ArrayDeque<>();

    /** A way to release a resource that may fail. */
    @FunctionalInterface
    interface Closer<T> {
        void close(T resource) throws Exception;
    }

    /** @return {@code resource}, now released by {@link #close()} */
    <T> T add(T resource, Closer<T> closer) {
        closers.push(() -> {
            try {
                closer.close(resource);
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        });
        return resource;
    }

    /** Releases everything added, last first; a second call does nothing. */
    synchronized void close() {
        while (!closers.isEmpty()) {
            closers.pop().run();
        }
    }
}
