package dev.mallkit.host.js;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work that is bounded by its own deadline: an interrupt does not end the wait, it is kept for the caller. */
final class Uninterruptibly {
    private Uninterruptibly() {
    }

    /** @return the future's value, waiting through interrupts and restoring the interrupt status afterwards */
    static <T> T get(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
