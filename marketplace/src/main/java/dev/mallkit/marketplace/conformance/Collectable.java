package dev.mallkit.marketplace.conformance;

import java.lang.ref.WeakReference;
import java.time.Duration;

/** Waits for an object to become unreachable, nudging the collector. */
final class Collectable {
    private Collectable() {
    }

    static boolean await(WeakReference<?> reference, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (reference.get() != null) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reference.get() == null;
            }
        }
        return true;
    }
}
