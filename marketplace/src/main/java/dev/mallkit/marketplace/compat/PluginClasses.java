package dev.mallkit.marketplace.compat;

import dev.mallkit.marketplace.bytecode.ReferenceScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The class hierarchy a plugin declares, read once per review. */
public final class PluginClasses {
    private final Map<String, ClassModel> classes;

    private PluginClasses(Map<String, ClassModel> classes) {
        this.classes = Map.copyOf(classes);
    }

    /** @return the classes under an extracted plugin's root */
    public static PluginClasses load(Path root) throws IOException {
        Map<String, ClassModel> classes = new HashMap<>();
        for (Path file : ReferenceScanner.classFiles(root)) {
            ClassModel model;
            try {
                model = ClassModel.read(Files.readAllBytes(file));
            } catch (RuntimeException | StackOverflowError e) {
                // the forbidden-API check reports it as BYTECODE_MALFORMED; a review never fails on it
                continue;
            }
            classes.put(model.name(), model);
        }
        return new PluginClasses(classes);
    }

    Map<String, ClassModel> classes() {
        return classes;
    }
}
