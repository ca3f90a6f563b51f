package dev.mallkit.host.isolation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A seccomp filter (classic BPF, as bubblewrap's {@code --seccomp} loads it) that lets the review JVM make
 * threads but no processes: {@code clone} without {@code CLONE_THREAD}, {@code fork}, {@code vfork} and
 * {@code ptrace} fail with {@code EPERM}; {@code clone3}, whose flags a filter cannot read, fails with
 * {@code ENOSYS} so the C library falls back to {@code clone}. A program for another architecture is killed.
 * Written here rather than with libseccomp because it is twelve instructions and the JVM has no binding to it.
 */
final class NoNewProcessesFilter {
    private static final int LD_W_ABS = 0x20;
    private static final int JEQ = 0x15;
    private static final int JGE = 0x35;
    private static final int JSET = 0x45;
    private static final int RET = 0x06;
    private static final int ALLOW = 0x7fff0000;
    private static final int KILL_PROCESS = 0x80000000;
    private static final int ERRNO = 0x00050000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final int CLONE_THREAD = 0x00010000;
    // offsets in struct seccomp_data: the syscall number, the audit architecture, the low word of the first argument
    private static final int NR = 0;
    private static final int ARCH = 4;
    private static final int ARG0 = 16;

    private record Arch(int audit, int cloneNr, int clone3, int ptrace, List<Integer> forks, boolean x32Bit) {
    }

    private static final Arch X86_64 = new Arch(0xc000003e, 56, 435, 101, List.of(57, 58), true);
    private static final Arch AARCH64 = new Arch(0xc00000b7, 220, 435, 117, List.of(), false);

    private NoNewProcessesFilter() {
    }

    /** @return the filter for this machine's architecture; empty where none is written */
    static Optional<byte[]> forThisMachine() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> Optional.of(program(X86_64));
            case "aarch64", "arm64" -> Optional.of(program(AARCH64));
            default -> Optional.empty();
        };
    }

    private static byte[] program(Arch arch) {
        // the tail: [allow, eperm, enosys, kill]; jumps are counted from the instruction after the jump
        List<int[]> body = new ArrayList<>();
        body.add(load(ARCH));
        body.add(new int[] {JEQ, 0, -4, arch.audit()});
        body.add(load(NR));
        if (arch.x32Bit()) {
            // x32 numbers carry bit 30: nothing in the review JVM uses that ABI
            body.add(new int[] {JGE, -2, 0, 0x40000000});
        }
        body.add(new int[] {JEQ, -3, 0, arch.clone3()});
        body.add(new int[] {JEQ, -2, 0, arch.ptrace()});
        for (int fork : arch.forks()) {
            body.add(new int[] {JEQ, -2, 0, fork});
        }
        body.add(new int[] {JEQ, 0, -1, arch.cloneNr()});
        body.add(load(ARG0));
        body.add(new int[] {JSET, -1, -2, CLONE_THREAD});
        int[][] tail = {{RET, 0, 0, ALLOW}, {RET, 0, 0, ERRNO | EPERM}, {RET, 0, 0, ERRNO | ENOSYS}, {RET, 0, 0, KILL_PROCESS}};
        ByteBuffer out = ByteBuffer.allocate((body.size() + tail.length) * 8).order(ByteOrder.nativeOrder());
        for (int i = 0; i < body.size(); i++) {
            int[] insn = body.get(i);
            put(out, insn[0], target(insn[1], i, body.size()), target(insn[2], i, body.size()), insn[3]);
        }
        for (int[] insn : tail) {
            put(out, insn[0], 0, 0, insn[3]);
        }
        return out.array();
    }

    /** A negative target names a tail instruction (-1 allow, -2 EPERM, -3 ENOSYS, -4 kill); 0 is the next one. */
    private static int target(int target, int index, int bodySize) {
        if (target >= 0) {
            return target;
        }
        int tailIndex = -target - 1;
        return bodySize + tailIndex - index - 1;
    }

    private static int[] load(int offset) {
        return new int[] {LD_W_ABS, 0, 0, offset};
    }

    private static void put(ByteBuffer out, int code, int jt, int jf, int k) {
        out.putShort((short) code).put((byte) jt).put((byte) jf).putInt(k);
    }
}
