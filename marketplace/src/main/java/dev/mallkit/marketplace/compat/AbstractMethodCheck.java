package dev.mallkit.marketplace.compat;

import dev.mallkit.marketplace.finding.Finding;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds concrete plugin classes that leave an abstract API method unimplemented, the break an API
 * version causes when it adds an abstract method to an extension point (AbstractMethodError at the call).
 */
final class AbstractMethodCheck {
    private AbstractMethodCheck() {
    }

    static List<Finding> check(PluginClasses plugin, ApiClasspath api) {
        List<Finding> findings = new ArrayList<>();
        for (ClassModel type : plugin.classes().values()) {
            if (!type.concrete()) {
                continue;
            }
            Set<String> implemented = new HashSet<>();
            Set<String> required = new TreeSet<>();
            walk(type, plugin, api, implemented, required);
            required.removeAll(implemented);
            for (String method : required) {
                String owner = method.substring(0, method.indexOf('#'));
                findings.add(Finding.blocking(ApiCompatibilityCheck.CHECK, "COMPAT_UNIMPLEMENTED_METHOD",
                        "does not implement " + owner.replace('/', '.') + "." + method.substring(method.indexOf('#') + 1)
                                + ", which this API declares abstract", type.name().replace('/', '.')));
            }
        }
        return findings;
    }

    /** Collects methods with a body anywhere above {@code type}, and abstract methods of API types as owner#method. */
    private static void walk(ClassModel type, PluginClasses plugin, ApiClasspath api, Set<String> implemented, Set<String> required) {
        Deque<String> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.add(type.name());
        Set<String> abstractSeen = new HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (!seen.add(name)) {
                continue;
            }
            Optional<ClassModel> model = Optional.ofNullable(plugin.classes().get(name)).or(() -> api.find(name));
            if (model.isEmpty()) {
                continue;
            }
            ClassModel current = model.get();
            for (String method : current.methods()) {
                if (current.abstractMethods().contains(method)) {
                    if (name.startsWith(ApiClasspath.API_PREFIX) && abstractSeen.add(method)) {
                        required.add(name + "#" + method);
                    }
                } else {
                    implemented.add(method);
                }
            }
            if (current.superName() != null) {
                pending.add(current.superName());
            }
            pending.addAll(current.interfaces());
        }
        required.removeIf(entry -> implemented.contains(entry.substring(entry.indexOf('#') + 1)));
    }
}
