package dev.mallkit.marketplace.forbidden;

import java.util.List;
import java.util.Set;

/** The platform's list of forbidden APIs for in-process plugins. */
public final class ForbiddenApis {
    private ForbiddenApis() {
    }

    private static final Set<String> ACCESSIBLE = Set.of("java/lang/reflect/AccessibleObject", "java/lang/reflect/Field",
            "java/lang/reflect/Method", "java/lang/reflect/Constructor", "java/lang/reflect/Executable");

    /** @return the rules every Java plugin is scanned against */
    public static List<ForbiddenRule> rules() {
        return List.of(
                new ForbiddenRule("FORBIDDEN_EXIT", Set.of("java/lang/System"), Set.of("exit"), "stops the host JVM"),
                new ForbiddenRule("FORBIDDEN_EXIT", Set.of("java/lang/Runtime"), Set.of("exit", "halt", "addShutdownHook"),
                        "stops the host JVM or hooks its shutdown"),
                new ForbiddenRule("FORBIDDEN_PROCESS", Set.of("java/lang/ProcessBuilder"), Set.of(), "spawns processes"),
                new ForbiddenRule("FORBIDDEN_PROCESS", Set.of("java/lang/Runtime"), Set.of("exec"), "spawns processes"),
                new ForbiddenRule("FORBIDDEN_REFLECTION", ACCESSIBLE, Set.of("setAccessible", "trySetAccessible"),
                        "reflects into private members"),
                new ForbiddenRule("FORBIDDEN_REFLECTION", Set.of("java/lang/invoke/MethodHandles"), Set.of("privateLookupIn"),
                        "reflects into private members"),
                new ForbiddenRule("FORBIDDEN_UNSAFE", Set.of("sun/misc/Unsafe", "jdk/internal/misc/Unsafe"), Set.of(),
                        "reads and writes memory unchecked"),
                new ForbiddenRule("FORBIDDEN_FILE_IO", Set.of("java/io/FileInputStream", "java/io/FileOutputStream",
                        "java/io/FileReader", "java/io/FileWriter", "java/io/RandomAccessFile", "java/nio/file/Files",
                        "java/nio/channels/FileChannel", "java/nio/channels/AsynchronousFileChannel"), Set.of(),
                        "reads or writes the host's files"),
                new ForbiddenRule("FORBIDDEN_NETWORK", Set.of("java/net/Socket", "java/net/ServerSocket", "java/net/DatagramSocket",
                        "java/net/MulticastSocket", "java/nio/channels/SocketChannel", "java/nio/channels/ServerSocketChannel",
                        "java/nio/channels/DatagramChannel", "java/net/http/HttpClient"), Set.of(), "opens network connections"),
                new ForbiddenRule("FORBIDDEN_NETWORK", Set.of("java/net/URL"), Set.of("openConnection", "openStream"),
                        "opens network connections"),
                new ForbiddenRule("FORBIDDEN_THREAD", Set.of("java/lang/Thread"),
                        Set.of("<init>", "start", "ofPlatform", "ofVirtual", "startVirtualThread"), "creates threads the host cannot guard"),
                new ForbiddenRule("FORBIDDEN_THREAD", Set.of("java/util/concurrent/Executors", "java/util/concurrent/ThreadPoolExecutor",
                        "java/util/concurrent/ScheduledThreadPoolExecutor", "java/util/concurrent/ForkJoinPool"), Set.of(),
                        "creates threads the host cannot guard"));
    }
}
