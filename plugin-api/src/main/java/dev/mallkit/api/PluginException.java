package dev.mallkit.api;

import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The one unchecked exception a plugin throws to refuse or fail a decision. It carries a
 * {@link ErrorCategory} and a plugin-defined code in UPPER_SNAKE form, which the host exposes in
 * its error body. Any other exception escaping a plugin is treated as {@link ErrorCategory#INTERNAL_ERROR}.
 */
public class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final ErrorCategory category;
    private final String code;

    /**
     * @param category how the host should treat the failure
     * @param code     an UPPER_SNAKE code, e.g. {@code CARD_EXPIRED}
     * @param message  a human sentence
     */
    public PluginException(ErrorCategory category, String code, String message) {
        this(category, code, message, null);
    }

    /**
     * @param category how the host should treat the failure
     * @param code     an UPPER_SNAKE code, e.g. {@code CARD_EXPIRED}
     * @param message  a human sentence
     * @param cause    the underlying cause, may be null
     */
    public PluginException(ErrorCategory category, String code, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.category = requireNonNull(category, "category is null");
        this.code = requireNonNull(code, "code is null");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must be UPPER_SNAKE: " + code);
        }
    }

    /** @return how the host should treat the failure */
    public ErrorCategory category() {
        return category;
    }

    /** @return the UPPER_SNAKE code */
    public String code() {
        return code;
    }
}
