package dev.mallkit.marketplace.bytecode;

import static java.util.Objects.requireNonNull;

/**
 * One use of a class, method or field found in bytecode.
 *
 * @param kind       what is used
 * @param owner      internal name of the class used or declaring the member, e.g. {@code dev/mallkit/api/Money}
 * @param name       member name; empty for {@link Kind#CLASS}
 * @param descriptor member descriptor; empty for {@link Kind#CLASS}
 * @param fromClass  internal name of the class that uses it
 * @param fromMethod {@code name+descriptor} of the method that uses it; empty at class level
 */
public record Reference(Kind kind, String owner, String name, String descriptor, String fromClass, String fromMethod) {
    /** What a reference points at. */
    public enum Kind {
        CLASS, METHOD, FIELD
    }

    public Reference {
        requireNonNull(kind, "kind is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(name, "name is null");
        requireNonNull(descriptor, "descriptor is null");
        requireNonNull(fromClass, "fromClass is null");
        requireNonNull(fromMethod, "fromMethod is null");
    }

    /** @return {@code owner.name descriptor} in source-like form, e.g. {@code dev.mallkit.api.Money.of(JLjava/lang/String;)...} */
    public String target() {
        String type = owner.replace('/', '.');
        return kind == Kind.CLASS ? type : type + "." + name + (kind == Kind.METHOD ? descriptor : ":" + descriptor);
    }

    /** @return {@code fromClass#fromMethod} in source-like form */
    public String location() {
        String type = fromClass.replace('/', '.');
        return fromMethod.isEmpty() ? type : type + "#" + fromMethod;
    }
}
