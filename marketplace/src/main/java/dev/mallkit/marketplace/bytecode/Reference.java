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
 * @param use        how the bytecode uses it
 * @param site       where in {@code fromMethod}: the source line, or {@code @offset} into the code when the
 *                   class has no line numbers; empty at class level
 */
public record Reference(Kind kind, String owner, String name, String descriptor, String fromClass, String fromMethod,
                        Use use, String site) {
    /** What a reference points at. */
    public enum Kind {
        CLASS, METHOD, FIELD
    }

    /** How a reference occurs, which decides what it lets the code do. */
    public enum Use {
        /** an instruction calls the method or reads or writes the field */
        ACCESS,
        /** a type in a signature, a cast, an {@code instanceof}, a {@code new} or a caught exception */
        TYPE,
        /** the class is a direct superclass or superinterface of {@code fromClass} */
        SUPERTYPE,
        /** {@code ldc} of a {@code Class} constant */
        CLASS_CONSTANT,
        /** a method handle constant: an {@code ldc}, or an argument of a bootstrap method (method references) */
        HANDLE,
        /** the bootstrap method of an {@code invokedynamic} or a dynamic constant */
        BOOTSTRAP,
        /** {@code fromClass} declares this member itself; owner is {@code fromClass} */
        DECLARATION,
        /** {@code fromClass} declares this method {@code native}: its body is outside the class file */
        NATIVE_DECLARATION
    }

    public Reference {
        requireNonNull(kind, "kind is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(name, "name is null");
        requireNonNull(descriptor, "descriptor is null");
        requireNonNull(fromClass, "fromClass is null");
        requireNonNull(fromMethod, "fromMethod is null");
        requireNonNull(use, "use is null");
        requireNonNull(site, "site is null");
    }

    /** A plain access with no known call site. */
    public Reference(Kind kind, String owner, String name, String descriptor, String fromClass, String fromMethod) {
        this(kind, owner, name, descriptor, fromClass, fromMethod, kind == Kind.CLASS ? Use.TYPE : Use.ACCESS, "");
    }

    /** @return the same use aimed at another owner, e.g. the JDK class that declares an inherited member */
    public Reference withOwner(String newOwner) {
        return new Reference(kind, newOwner, name, descriptor, fromClass, fromMethod, use, site);
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

    /** @return {@link #location()} with the call site, {@code class#method:line} (or {@code :@offset}) */
    public String callSite() {
        return site.isEmpty() ? location() : location() + ":" + site;
    }
}
