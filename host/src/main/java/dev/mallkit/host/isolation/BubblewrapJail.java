package dev.mallkit.host.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Builds the command that runs a program inside a bubblewrap jail (Debian's {@code bubblewrap}, the
 * sandbox Flatpak uses; a well-kept tool rather than namespaces set up by hand). The jail has:
 * <ul>
 *   <li>new user, PID, network, IPC, UTS and cgroup namespaces ({@code --unshare-all}): the only network
 *       interface is a loopback nobody listens on, and the host's processes (their memory, their
 *       {@code /proc/<pid>/environ}) do not exist inside;</li>
 *   <li>every capability dropped, an unprivileged user ({@code nobody}), a new session, a clean environment;</li>
 *   <li>a file system of only the system libraries and the JDK (read-only), the class path entries it is given
 *       (read-only), the input directory (read-only) and a size-capped tmpfs at {@code /tmp}, the one writable
 *       place; the host's data directory, keys, plugins and home are simply absent;</li>
 *   <li>{@code --die-with-parent}: it dies with the host, and everything in it dies with its PID 1.</li>
 * </ul>
 * Inside, a {@link NoNewProcessesFilter seccomp filter} lets the JVM make threads but no processes.
 * Resource limits ({@code RLIMIT_CPU}, {@code RLIMIT_AS}, {@code RLIMIT_FSIZE}, {@code RLIMIT_NOFILE}) are set by
 * util-linux {@code prlimit} before bubblewrap starts, so they hold for everything inside, and it all runs at
 * the CPU priority its {@link Limits} give ({@code nice}).
 */
public final class BubblewrapJail {
    /** Where the input directory appears inside the jail. */
    public static final String INPUT = "/review/in";

    /**
     * What everything inside one jail may use, enforced by the kernel whatever the code does.
     *
     * @param cpuSeconds      {@code RLIMIT_CPU}, or 0 for a long-lived process that has no CPU cap
     * @param addressSpaceMiB {@code RLIMIT_AS}: heap, metaspace, code cache, thread stacks, native memory
     * @param scratchMiB      size of the tmpfs at {@code /tmp}, the only writable place, and {@code RLIMIT_FSIZE}
     * @param niceness        the CPU priority, 0 (as the host's) to 19 (only what the host leaves)
     */
    public record Limits(int cpuSeconds, int addressSpaceMiB, int scratchMiB, int niceness) {
        public Limits {
            if (cpuSeconds < 0 || addressSpaceMiB < 576 || scratchMiB < 1 || niceness < 0 || niceness > 19) {
                throw new IllegalArgumentException("jail limits too small to start a JVM: " + this);
            }
        }
    }

    private final Path bwrap;
    private final Path prlimit;
    private final Path nice;
    private final Path javaHome;
    /** The seccomp program, handed to bubblewrap on its standard input ({@code --seccomp 0}). */
    private final Path filter;

    private BubblewrapJail(Path bwrap, Path prlimit, Path nice, Path javaHome, Path filter) {
        this.bwrap = bwrap;
        this.prlimit = prlimit;
        this.nice = nice;
        this.javaHome = javaHome;
        this.filter = filter;
    }

    /**
     * @param jvmOptions the options the review JVM will run with (under {@code RLIMIT_AS} the defaults reserve too much)
     * @return the jail, when {@code bwrap}, {@code prlimit} and {@code nice} are installed and this host may create the
     *         namespaces (checked by starting {@code java -version} in a jail); empty otherwise
     */
    public static Optional<BubblewrapJail> find(Path javaHome, Limits limits, List<String> jvmOptions) {
        Optional<Path> bwrap = onPath("bwrap");
        Optional<Path> prlimit = onPath("prlimit");
        Optional<Path> nice = onPath("nice");
        Optional<byte[]> program = NoNewProcessesFilter.forThisMachine();
        if (bwrap.isEmpty() || prlimit.isEmpty() || nice.isEmpty() || program.isEmpty()) {
            return Optional.empty();
        }
        Path filter;
        try {
            filter = Files.createTempFile("mallkit-review-seccomp", ".bpf");
            Files.write(filter, program.get());
            filter.toFile().deleteOnExit();
        } catch (IOException e) {
            return Optional.empty();
        }
        BubblewrapJail jail = new BubblewrapJail(bwrap.get(), prlimit.get(), nice.get(), javaHome, filter);
        List<String> version = new ArrayList<>(List.of(jail.java().toString()));
        version.addAll(jvmOptions);
        version.add("-version");
        return jail.works(limits, version) ? Optional.of(jail) : Optional.empty();
    }

    /** @return the java launcher inside the jail (the same path as outside: the JDK is bound where it is) */
    public Path java() {
        return javaHome.resolve("bin/java");
    }

    /**
     * @param input     bound read-only at {@link #INPUT}, or null for none
     * @param readOnly  further files and directories bound read-only at their own paths (the class path)
     * @param limits    the resource limits
     * @param program   the command to run inside, its paths as the jail sees them
     * @return a process builder for the jailed command; its standard input carries the seccomp filter
     */
    public ProcessBuilder process(Path input, List<Path> readOnly, Limits limits, List<String> program) {
        ProcessBuilder builder = new ProcessBuilder(command(input, readOnly, limits, program)).redirectInput(filter.toFile());
        // bubblewrap's own PID 1 inside the jail keeps the environment it was started with, readable at
        // /proc/1/environ: it must start with none (--clearenv cleans only the program's)
        builder.environment().clear();
        return builder;
    }

    private List<String> command(Path input, List<Path> readOnly, Limits limits, List<String> program) {
        requireNonNull(limits, "limits is null");
        List<String> cmd = new ArrayList<>(List.of(nice.toString(), "-n", String.valueOf(limits.niceness()), prlimit.toString()));
        if (limits.cpuSeconds() > 0) {
            cmd.add("--cpu=" + limits.cpuSeconds());
        }
        cmd.addAll(List.of("--as=" + (long) limits.addressSpaceMiB() * 1024 * 1024,
                "--fsize=" + (long) limits.scratchMiB() * 1024 * 1024,
                "--nofile=512",
                bwrap.toString(),
                "--unshare-all", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL",
                "--die-with-parent", "--new-session", "--clearenv", "--hostname", "jail", "--seccomp", "0",
                "--ro-bind", "/usr", "/usr"));
        for (String top : List.of("/lib", "/lib64", "/lib32", "/bin", "/sbin")) {
            systemDirectory(Path.of(top), cmd);
        }
        cmd.addAll(List.of("--ro-bind", javaHome.toString(), javaHome.toString(),
                "--proc", "/proc", "--dev", "/dev",
                "--size", String.valueOf((long) limits.scratchMiB() * 1024 * 1024), "--tmpfs", "/tmp"));
        if (input != null) {
            cmd.addAll(List.of("--ro-bind", input.toString(), INPUT));
        }
        for (Path path : readOnly) {
            cmd.addAll(List.of("--ro-bind", path.toString(), path.toString()));
        }
        cmd.addAll(List.of("--setenv", "TMPDIR", "/tmp", "--setenv", "LANG", "C.UTF-8", "--chdir", "/tmp", "--"));
        cmd.addAll(program);
        return cmd;
    }

    /** A merged-/usr system links /lib and /bin into /usr; an older one has them as directories of their own. */
    private static void systemDirectory(Path top, List<String> cmd) {
        try {
            if (Files.isSymbolicLink(top)) {
                cmd.addAll(List.of("--symlink", Files.readSymbolicLink(top).toString(), top.toString()));
            } else if (Files.isDirectory(top)) {
                cmd.addAll(List.of("--ro-bind", top.toString(), top.toString()));
            }
        } catch (IOException e) {
            // unreadable link: leave it out; the probe run in works() tells whether the JVM still starts
        }
    }

    private boolean works(Limits limits, List<String> program) {
        try {
            Path empty = Files.createTempDirectory("mallkit-jail-probe");
            try {
                Process process = process(empty, List.of(), limits, program).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return false;
                }
                return process.exitValue() == 0;
            } finally {
                Files.deleteIfExists(empty);
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Kills a process this host started and everything it started: for a jail, bubblewrap and its PID 1, which take the
     * rest of the jail's namespace along. Does nothing for null (a start that failed before the process existed).
     */
    public static void kill(Process process) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin:/usr/sbin:/bin:/sbin").split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
