package dev.mallkit.marketplace.forbidden;

/** A capability a plugin may not reach, with the stable finding code that reports it. */
public enum Surface {
    REFLECTION("FORBIDDEN_REFLECTION", "reflects on code or calls it by name or handle, past what review can see"),
    CLASS_DEFINITION("FORBIDDEN_CLASS_DEFINITION", "defines or loads classes review never saw"),
    NATIVE("FORBIDDEN_NATIVE", "reaches native code or raw memory"),
    PROCESS("FORBIDDEN_PROCESS", "starts or controls operating-system processes"),
    THREADS("FORBIDDEN_THREADS", "runs code on threads the host cannot guard"),
    FILES("FORBIDDEN_FILES", "reads or writes the host's files"),
    NETWORK("FORBIDDEN_NETWORK", "opens network connections or remote lookups"),
    ENVIRONMENT("FORBIDDEN_ENVIRONMENT", "reads or changes the host process's environment, properties or configuration"),
    EXIT("FORBIDDEN_EXIT", "stops the host JVM or hooks its shutdown"),
    SERIALIZATION("FORBIDDEN_SERIALIZATION", "deserializes objects, which runs code the data chooses"),
    JDK_API("FORBIDDEN_JDK_API", "is a JDK API outside the allow-list for plugins"),
    HOST_API("FORBIDDEN_HOST_API", "is neither the plugin's own code nor the plugin API: host internals and libraries are off limits");

    private final String code;
    private final String reason;

    Surface(String code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** @return the finding code, UPPER_SNAKE and stable across releases */
    public String code() {
        return code;
    }

    /** @return why it is forbidden, for the report */
    public String reason() {
        return reason;
    }
}
