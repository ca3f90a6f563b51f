package dev.mallkit.marketplace.forbidden;

import dev.mallkit.marketplace.bytecode.Reference;
import java.util.Optional;
import org.objectweb.asm.Type;

/**
 * Judges one reference to a class the plugin does not own against {@link PlatformTables}: a
 * member's own rule first, then its type, then every type the member takes or hands back, so a
 * safe type's method that returns a {@code ClassLoader} or takes a {@code Path} is judged by that.
 */
final class PlatformPolicy {
    private PlatformPolicy() {
    }

    /** @return the surface the reference reaches, or empty when plugins may use it */
    static Optional<Surface> judge(Reference reference) {
        return switch (reference.use()) {
            case DECLARATION -> Optional.empty();
            case NATIVE_DECLARATION -> Optional.of(Surface.NATIVE);
            case BOOTSTRAP -> PlatformTables.BOOTSTRAPS.contains(reference.owner() + "." + reference.name())
                    ? Optional.empty() : Optional.of(Surface.REFLECTION);
            case TYPE, SUPERTYPE, CLASS_CONSTANT -> type(reference.owner());
            case ACCESS, HANDLE -> member(reference);
        };
    }

    static Optional<Surface> type(String internalName) {
        String pkg = internalName.substring(0, internalName.lastIndexOf('/') + 1);
        String simple = internalName.substring(pkg.length());
        if (PlatformTables.EXCEPTION_PACKAGES.contains(pkg) && (simple.endsWith("Exception") || simple.endsWith("Error"))) {
            return Optional.empty();
        }
        Optional<Optional<Surface>> listed = PlatformTables.TYPES.lookup(internalName);
        if (listed.isPresent()) {
            return listed.get();
        }
        boolean jdk = PlatformTables.JDK.stream().anyMatch(internalName::startsWith);
        return Optional.of(jdk ? Surface.JDK_API : Surface.HOST_API);
    }

    private static Optional<Surface> member(Reference reference) {
        for (MemberRule rule : PlatformTables.MEMBERS) {
            if (rule.matches(reference)) {
                return rule.verdict();
            }
        }
        Optional<Surface> owner = type(reference.owner());
        if (owner.isPresent()) {
            return owner;
        }
        Type descriptor = reference.kind() == Reference.Kind.FIELD
                ? Type.getMethodType(Type.getType(reference.descriptor())) : Type.getMethodType(reference.descriptor());
        Optional<Surface> handed = objectType(descriptor.getReturnType());
        for (Type argument : descriptor.getArgumentTypes()) {
            if (handed.isPresent()) {
                break;
            }
            handed = objectType(argument);
        }
        return handed;
    }

    private static Optional<Surface> objectType(Type type) {
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        return element.getSort() == Type.OBJECT ? type(element.getInternalName()) : Optional.empty();
    }
}
