package dev.mallkit.host.js;

/**
 * A JavaScript plugin package cannot be loaded: a missing or malformed descriptor, a syntax error,
 * an import that cannot be resolved, or a missing export. Thrown at submission and at load time;
 * the message names the file and, where known, the line.
 */
public class JsPackageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /**
     * @param file    the file inside the package, e.g. {@code index.mjs}
     * @param line    the 1-based line, or 0 when the problem has no line
     * @param message what is wrong
     */
    public JsPackageException(String file, int line, String message) {
        this(file, line, message, null);
    }

    /**
     * @param file    the file inside the package
     * @param line    the 1-based line, or 0 when the problem has no line
     * @param message what is wrong
     * @param cause   the underlying failure, may be null
     */
    public JsPackageException(String file, int line, String message, Throwable cause) {
        super((line > 0 ? file + ":" + line : file) + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    /** @return the file inside the package the problem is in */
    public String file() {
        return file;
    }

    /** @return the 1-based line, or 0 when unknown */
    public int line() {
        return line;
    }
}
