package dev.mallkit.marketplace.forbidden;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.mallkit.marketplace.forbidden.MemberRule.allow;
import static dev.mallkit.marketplace.forbidden.MemberRule.deny;
import static dev.mallkit.marketplace.forbidden.MemberRule.denyRest;
import static dev.mallkit.marketplace.forbidden.Surface.CLASS_DEFINITION;
import static dev.mallkit.marketplace.forbidden.Surface.ENVIRONMENT;
import static dev.mallkit.marketplace.forbidden.Surface.EXIT;
import static dev.mallkit.marketplace.forbidden.Surface.FILES;
import static dev.mallkit.marketplace.forbidden.Surface.HOST_API;
import static dev.mallkit.marketplace.forbidden.Surface.JDK_API;
import static dev.mallkit.marketplace.forbidden.Surface.NATIVE;
import static dev.mallkit.marketplace.forbidden.Surface.NETWORK;
import static dev.mallkit.marketplace.forbidden.Surface.PROCESS;
import static dev.mallkit.marketplace.forbidden.Surface.REFLECTION;
import static dev.mallkit.marketplace.forbidden.Surface.SERIALIZATION;
import static dev.mallkit.marketplace.forbidden.Surface.THREADS;

/**
 * The platform's allow-list for Java plugins and the surfaces everything else reaches. A type
 * maps to {@code Optional.empty()} when plugins may use it, else to the surface it opens; what no
 * entry covers is {@link Surface#JDK_API} in the JDK's namespaces and {@link Surface#HOST_API}
 * anywhere else.
 */
final class PlatformTables {
    private PlatformTables() {
    }

    /** Namespaces whose classes a plugin can never own: the JDK's, and the host's that PF4J or the JVM load parent-first. */
    static final List<String> RESERVED = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/", "org/pf4j/", "org/slf4j/",
            "dev/mallkit/api/", "dev/mallkit/host/", "dev/mallkit/marketplace/");

    static final List<String> JDK = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");

    /** Packages where a type named {@code *Exception} or {@code *Error} is a plain value plugins may throw and catch. */
    static final Set<String> EXCEPTION_PACKAGES = Set.of("java/lang/", "java/util/", "java/io/", "java/util/concurrent/",
            "java/nio/charset/", "java/text/", "java/util/regex/", "java/security/", "java/net/", "java/time/",
            "java/time/format/", "java/time/temporal/", "java/time/zone/");

    /** The bootstrap methods javac emits for lambdas, string concatenation, records and switches. */
    static final Set<String> BOOTSTRAPS = Set.of("java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/LambdaMetafactory.altMetafactory", "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/invoke/StringConcatFactory.makeConcat", "java/lang/runtime/ObjectMethods.bootstrap",
            "java/lang/runtime/SwitchBootstraps.typeSwitch", "java/lang/runtime/SwitchBootstraps.enumSwitch",
            // dynamic constants for enum case labels; the handle it invokes is judged like any other
            "java/lang/invoke/ConstantBootstraps.invoke");

    /** Methods whose mere declaration hands code to the JVM to run later, outside any guard. */
    static final java.util.Map<String, Surface> DANGEROUS_DECLARATIONS = java.util.Map.of("finalize()V", THREADS);

    static final TypeTable<Optional<Surface>> TYPES = new TypeTable<>();

    private static void allowed(String... patterns) {
        for (String pattern : patterns) {
            TYPES.put(pattern, Optional.empty());
        }
    }

    private static void denied(Surface surface, String... patterns) {
        for (String pattern : patterns) {
            TYPES.put(pattern, Optional.of(surface));
        }
    }

    static {
        allowed("java/lang/Object", "java/lang/String", "java/lang/StringBuilder", "java/lang/StringBuffer",
                "java/lang/CharSequence", "java/lang/Character", "java/lang/Boolean", "java/lang/Byte", "java/lang/Short",
                "java/lang/Integer", "java/lang/Long", "java/lang/Float", "java/lang/Double", "java/lang/Number",
                "java/lang/Void", "java/lang/Math", "java/lang/StrictMath", "java/lang/Enum", "java/lang/Record",
                "java/lang/Iterable", "java/lang/Comparable", "java/lang/Appendable", "java/lang/AutoCloseable",
                "java/lang/Runnable", "java/lang/Cloneable", "java/lang/Readable", "java/lang/Throwable",
                "java/lang/StackTraceElement", "java/lang/Override", "java/lang/FunctionalInterface", "java/lang/SafeVarargs",
                "java/lang/SuppressWarnings", "java/lang/Deprecated", "java/lang/Runtime$Version",
                // members restricted below
                "java/lang/Class", "java/lang/System",
                "java/lang/constant/", "java/lang/annotation/");
        allowed("java/util/ArrayList", "java/util/LinkedList", "java/util/List", "java/util/Map", "java/util/HashMap",
                "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/SortedMap", "java/util/NavigableMap",
                "java/util/Set", "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/SortedSet",
                "java/util/NavigableSet", "java/util/SequencedCollection", "java/util/SequencedMap", "java/util/SequencedSet",
                "java/util/Collection", "java/util/Collections", "java/util/Arrays", "java/util/Objects", "java/util/Optional",
                "java/util/OptionalInt", "java/util/OptionalLong", "java/util/OptionalDouble", "java/util/Iterator",
                "java/util/ListIterator", "java/util/Spliterator", "java/util/Spliterators", "java/util/PrimitiveIterator",
                "java/util/Comparator", "java/util/Deque", "java/util/ArrayDeque", "java/util/Queue", "java/util/PriorityQueue",
                "java/util/AbstractCollection", "java/util/AbstractList", "java/util/AbstractSequentialList",
                "java/util/AbstractMap", "java/util/AbstractSet", "java/util/AbstractQueue", "java/util/EnumMap",
                "java/util/EnumSet", "java/util/IdentityHashMap", "java/util/WeakHashMap", "java/util/BitSet",
                "java/util/StringJoiner", "java/util/Locale", "java/util/Currency", "java/util/UUID", "java/util/Random",
                "java/util/SplittableRandom", "java/util/Base64", "java/util/HexFormat", "java/util/StringTokenizer",
                "java/util/IntSummaryStatistics", "java/util/LongSummaryStatistics", "java/util/DoubleSummaryStatistics",
                "java/util/Formatter", "java/util/Formattable", "java/util/Scanner", "java/util/Date", "java/util/Calendar",
                "java/util/GregorianCalendar", "java/util/TimeZone", "java/util/SimpleTimeZone", "java/util/Properties",
                "java/util/Hashtable", "java/util/Vector", "java/util/Stack", "java/util/Dictionary", "java/util/Enumeration",
                "java/util/RandomAccess",
                "java/util/function/", "java/util/stream/", "java/util/regex/", "java/util/random/",
                "java/util/concurrent/atomic/", "java/util/concurrent/locks/");
        allowed("java/util/concurrent/ConcurrentHashMap", "java/util/concurrent/ConcurrentMap",
                "java/util/concurrent/ConcurrentNavigableMap", "java/util/concurrent/ConcurrentLinkedQueue",
                "java/util/concurrent/ConcurrentLinkedDeque", "java/util/concurrent/ConcurrentSkipListMap",
                "java/util/concurrent/ConcurrentSkipListSet", "java/util/concurrent/CopyOnWriteArrayList",
                "java/util/concurrent/CopyOnWriteArraySet", "java/util/concurrent/BlockingQueue",
                "java/util/concurrent/LinkedBlockingQueue", "java/util/concurrent/ArrayBlockingQueue",
                "java/util/concurrent/TimeUnit", "java/util/concurrent/Callable", "java/util/concurrent/Future",
                "java/util/concurrent/CompletableFuture", "java/util/concurrent/CompletionStage",
                "java/util/concurrent/ThreadLocalRandom", "java/util/concurrent/CountDownLatch", "java/util/concurrent/Semaphore");
        allowed("java/time/**", "java/math/", "java/text/", "java/nio/", "java/nio/charset/",
                "java/io/InputStream", "java/io/OutputStream", "java/io/Reader", "java/io/Writer", "java/io/StringReader",
                "java/io/StringWriter", "java/io/CharArrayReader", "java/io/CharArrayWriter", "java/io/ByteArrayInputStream",
                "java/io/ByteArrayOutputStream", "java/io/BufferedReader", "java/io/BufferedWriter", "java/io/BufferedInputStream",
                "java/io/BufferedOutputStream", "java/io/InputStreamReader", "java/io/OutputStreamWriter", "java/io/PrintWriter",
                "java/io/PrintStream", "java/io/DataInputStream", "java/io/DataOutputStream", "java/io/DataInput",
                "java/io/DataOutput", "java/io/FilterInputStream", "java/io/FilterOutputStream", "java/io/FilterReader",
                "java/io/FilterWriter", "java/io/PushbackReader", "java/io/PushbackInputStream", "java/io/LineNumberReader",
                "java/io/Closeable", "java/io/Flushable", "java/io/Serializable", "java/io/Serial",
                "java/net/URI", "java/net/URLEncoder", "java/net/URLDecoder",
                "java/security/MessageDigest", "java/security/SecureRandom", "java/security/Key",
                "javax/crypto/Mac", "javax/crypto/SecretKey", "javax/crypto/spec/SecretKeySpec",
                "java/util/logging/Logger", "java/util/logging/Level");
        allowed("dev/mallkit/api/**", "org/pf4j/Extension", "org/pf4j/ExtensionPoint", "org/pf4j/Plugin",
                "org/slf4j/Logger", "org/slf4j/LoggerFactory", "org/slf4j/Marker", "org/slf4j/MarkerFactory",
                "org/slf4j/event/Level", "org/slf4j/spi/LoggingEventBuilder");

        denied(REFLECTION, "java/lang/reflect/**", "java/lang/invoke/**", "java/lang/runtime/**", "java/lang/StackWalker",
                "java/lang/Module", "java/lang/ModuleLayer", "java/lang/ClassValue", "java/beans/**");
        denied(CLASS_DEFINITION, "java/lang/ClassLoader", "java/security/SecureClassLoader", "java/net/URLClassLoader",
                "java/util/ServiceLoader", "java/util/ResourceBundle", "java/lang/instrument/**", "java/lang/module/**",
                "javax/script/**", "javax/tools/**", "com/sun/tools/attach/**", "jdk/jshell/**");
        denied(NATIVE, "sun/misc/Unsafe", "jdk/internal/**", "java/lang/foreign/**");
        denied(PROCESS, "java/lang/ProcessBuilder", "java/lang/Process", "java/lang/ProcessHandle");
        denied(THREADS, "java/lang/Thread", "java/lang/ThreadGroup", "java/lang/ThreadLocal", "java/lang/InheritableThreadLocal",
                "java/lang/ref/Cleaner", "java/util/Timer", "java/util/TimerTask", "java/util/concurrent/**",
                "java/util/stream/StreamSupport");
        denied(FILES, "java/io/File", "java/io/FileInputStream", "java/io/FileOutputStream", "java/io/FileReader",
                "java/io/FileWriter", "java/io/FileDescriptor", "java/io/RandomAccessFile", "java/io/FilePermission",
                "java/nio/file/**", "java/nio/channels/**", "java/nio/MappedByteBuffer", "java/util/zip/ZipFile",
                "java/util/jar/JarFile", "java/util/logging/FileHandler", "java/util/prefs/**");
        denied(NETWORK, "java/net/**", "javax/net/**", "javax/naming/**", "java/rmi/**", "javax/rmi/**", "jdk/net/**",
                "com/sun/net/**", "java/nio/channels/SocketChannel", "java/nio/channels/ServerSocketChannel",
                "java/nio/channels/DatagramChannel", "java/nio/channels/AsynchronousSocketChannel",
                "java/nio/channels/AsynchronousServerSocketChannel", "java/nio/channels/spi/**");
        denied(ENVIRONMENT, "java/lang/management/**", "javax/management/**", "java/util/logging/**", "java/io/Console",
                "java/lang/SecurityManager", "java/security/Security");
        denied(EXIT, "java/lang/Runtime", "java/lang/Shutdown");
        denied(SERIALIZATION, "java/io/ObjectInputStream", "java/io/ObjectOutputStream", "java/io/ObjectInput",
                "java/io/ObjectOutput", "java/io/ObjectStreamClass", "java/beans/XMLDecoder", "java/beans/XMLEncoder");
        denied(JDK_API, "java/time/zone/ZoneRulesProvider");
    }

    private static final String STRING_FIRST = "(Ljava/lang/String;";

    /** First match wins; a rule that allows also spares the member's descriptor from the type check. */
    static final List<MemberRule> MEMBERS = List.of(
            allow("java/lang/System", "currentTimeMillis", "nanoTime", "arraycopy", "identityHashCode", "lineSeparator", "out", "err"),
            deny("java/lang/System", EXIT, "exit"),
            deny("java/lang/System", NATIVE, "load", "loadLibrary", "mapLibraryName"),
            deny("java/lang/System", NETWORK, "inheritedChannel"),
            denyRest("java/lang/System", ENVIRONMENT),
            allow("java/lang/Runtime", "version"),
            deny("java/lang/Runtime", PROCESS, "exec"),
            deny("java/lang/Runtime", NATIVE, "load", "loadLibrary"),
            allow("java/lang/Thread", "currentThread", "isInterrupted", "interrupted", "interrupt", "getName", "sleep",
                    "onSpinWait", "isVirtual", "threadId", "getId", "yield", "holdsLock"),
            deny("java/lang/Thread", CLASS_DEFINITION, "getContextClassLoader", "setContextClassLoader"),
            deny("java/lang/invoke/MethodHandles$Lookup", CLASS_DEFINITION, "defineClass", "defineHiddenClass",
                    "defineHiddenClassWithClassData"),
            allow("java/lang/Class", "getName", "getSimpleName", "getTypeName", "getCanonicalName", "getPackageName",
                    "isInstance", "cast", "isAssignableFrom", "isArray", "isEnum", "isRecord", "isInterface", "isPrimitive",
                    "isAnnotation", "getComponentType", "componentType", "arrayType", "desiredAssertionStatus", "equals",
                    "hashCode", "toString", "describeConstable", "descriptorString"),
            deny("java/lang/Class", CLASS_DEFINITION, "getClassLoader"),
            // resources resolve through the plugin loader's parent: the host's class path
            deny("java/lang/Class", FILES, "getResource", "getResourceAsStream"),
            denyRest("java/lang/Class", REFLECTION),
            // these read system properties
            deny("java/lang/Integer", ENVIRONMENT, "getInteger"),
            deny("java/lang/Long", ENVIRONMENT, "getLong"),
            deny("java/lang/Boolean", ENVIRONMENT, "getBoolean"),
            deny("java/util/Locale", ENVIRONMENT, "setDefault"),
            deny("java/util/TimeZone", ENVIRONMENT, "setDefault"),
            // parallel streams and sorts run plugin code on the common fork-join pool
            deny("java/util/", THREADS, "parallelStream", "parallel", "parallelSort", "parallelSetAll", "parallelPrefix"),
            new MemberRule("java/util/concurrent/CompletableFuture", n -> n.endsWith("Async")
                    || Set.of("delayedExecutor", "orTimeout", "completeOnTimeout", "defaultExecutor").contains(n),
                    d -> true, Optional.of(THREADS)),
            new MemberRule("java/util/concurrent/CompletionStage", n -> n.endsWith("Async"), d -> true, Optional.of(THREADS)),
            // PrintStream(String fileName), PrintWriter(String fileName), Formatter(String fileName)
            new MemberRule("java/io/PrintStream", "<init>"::equals, d -> d.startsWith(STRING_FIRST), Optional.of(FILES)),
            new MemberRule("java/io/PrintWriter", "<init>"::equals, d -> d.startsWith(STRING_FIRST), Optional.of(FILES)),
            new MemberRule("java/util/Formatter", "<init>"::equals, d -> d.startsWith(STRING_FIRST), Optional.of(FILES)),
            deny("java/nio/ByteBuffer", NATIVE, "allocateDirect"),
            allow("java/util/logging/Logger", "getLogger", "getAnonymousLogger", "getGlobal", "log", "logp", "info", "warning",
                    "severe", "config", "fine", "finer", "finest", "isLoggable", "getName", "entering", "exiting", "throwing"),
            denyRest("java/util/logging/Logger", ENVIRONMENT),
            new MemberRule("org/pf4j/Plugin", "<init>"::equals, "()V"::equals, Optional.empty()),
            allow("org/pf4j/Plugin", "start", "stop", "delete"),
            denyRest("org/pf4j/Plugin", HOST_API));
}
