package dev.mallkit.host.marketplace.isolation;

import dev.mallkit.host.isolation.BubblewrapJail;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What one review process may use. The heap is the child JVM's {@code -Xmx}; the address-space cap bounds
 * native memory as well (the JVM reserves more than its heap, hence the margin); CPU time is an
 * {@code RLIMIT_CPU} the kernel enforces whatever the code does with interrupts; wall time is the host's
 * deadline, after which it kills the whole jail.
 *
 * @param heapMiB        the child's maximum heap
 * @param addressSpaceMiB the child's {@code RLIMIT_AS}: heap, metaspace, code cache, thread stacks, native memory
 * @param cpuSeconds     the child's {@code RLIMIT_CPU}
 * @param wallTime       the host's deadline for the whole review process
 * @param scratchMiB     size of the tmpfs that is the child's only writable place
 * @param outputBytes    the most the host reads from the child's answer
 */
public record ReviewLimits(int heapMiB, int addressSpaceMiB, int cpuSeconds, Duration wallTime, int scratchMiB, int outputBytes) {
    public ReviewLimits {
        requireNonNull(wallTime, "wallTime is null");
        if (heapMiB < 64 || addressSpaceMiB < heapMiB + 512 || cpuSeconds < 1 || scratchMiB < 8 || outputBytes < 1024) {
            throw new IllegalArgumentException("review limits too small to start a JVM: " + this);
        }
    }

    /** @return 384 MiB of heap in 2.5 GiB of address space, 60 s of CPU, 90 s of wall time, 64 MiB of scratch, 256 KiB of answer */
    public static ReviewLimits defaults() {
        return new ReviewLimits(384, 2560, 60, Duration.ofSeconds(90), 64, 256 * 1024);
    }

    /** @return what the jail's kernel limits hold the review process to, at the lowest CPU priority: the host's requests come first */
    public BubblewrapJail.Limits jail() {
        return new BubblewrapJail.Limits(cpuSeconds, addressSpaceMiB, scratchMiB, 19);
    }

    /** @return a copy with another wall-time deadline and CPU cap, for tests that must not wait a minute */
    public ReviewLimits withTime(Duration wall, int cpu) {
        return new ReviewLimits(heapMiB, addressSpaceMiB, cpu, wall, scratchMiB, outputBytes);
    }
}
