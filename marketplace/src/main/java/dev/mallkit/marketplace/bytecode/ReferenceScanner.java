package dev.mallkit.marketplace.bytecode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Collects every class, method and field a plugin's bytecode uses: calls, field accesses, type
 * instructions, constants, bootstrap methods and method handles of invokedynamic and dynamic
 * constants, supertypes, signatures and the members each class declares, with the source line (or
 * bytecode offset) of each use.
 */
public final class ReferenceScanner {
    private ReferenceScanner() {
    }

    /** @return the references of every readable {@code .class} file under {@code root}; unreadable ones are skipped */
    public static List<Reference> scan(Path root) throws IOException {
        return scanAll(root).references();
    }

    /** @return the references of every {@code .class} file under {@code root}, and which files could not be read */
    public static ScannedClasses scanAll(Path root) throws IOException {
        List<Reference> out = new ArrayList<>();
        Map<String, String> malformed = new TreeMap<>();
        for (Path file : classFiles(root)) {
            byte[] bytes = Files.readAllBytes(file);
            List<Reference> one = new ArrayList<>();
            try {
                scan(bytes, one);
                out.addAll(one);
            } catch (RuntimeException | StackOverflowError e) {
                // a submitted class is untrusted input: any parse failure is a finding, not a crash
                // (nested dynamic constants can recurse as deep as the file is long)
                malformed.put(root.relativize(file).toString().replace('\\', '/'), describe(e));
            }
        }
        return new ScannedClasses(out, malformed);
    }

    /** @return the {@code .class} files under {@code root}, sorted */
    public static List<Path> classFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".class")).sorted().toList();
        }
    }

    /**
     * Adds the references of one class file to {@code out}.
     *
     * @throws RuntimeException whatever ASM throws on a class file it cannot read
     */
    public static void scan(byte[] classFile, List<Reference> out) {
        ClassCollector.collect(classFile, out);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + (message.length() > 200 ? message.substring(0, 200) : message);
    }
}
