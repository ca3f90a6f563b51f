package dev.mallkit.host.js;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** Turns guest failures into the host's error vocabulary, with the script location and bounded text. */
final class JsErrors {

    /** Guest messages are plugin-controlled: keep them short in logs and error bodies. */
    static final int MAX_MESSAGE = 500;

    private JsErrors() {
    }

    static JsPackageException packageProblem(String file, PolyglotException e) {
        SourceSection at = guestLocation(e);
        int line = at == null ? 0 : at.getStartLine();
        String where = at == null ? file : at.getSource().getName();
        String what = e.isSyntaxError() ? "syntax error: " : "the module failed to load: ";
        return new JsPackageException(where, line, what + truncate(e.getMessage()), e);
    }

    static PluginException callFailure(PolyglotException e) {
        if (e.isResourceExhausted()) {
            return new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "RESOURCE_EXHAUSTED",
                    "the script exhausted a resource: " + truncate(e.getMessage()), e);
        }
        if (e.isCancelled() || e.isInterrupted()) {
            return new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "CANCELLED", "the script was cancelled", e);
        }
        SourceSection at = guestLocation(e);
        String where = at == null ? "script" : at.getSource().getName() + ":" + at.getStartLine();
        return new PluginException(ErrorCategory.INTERNAL_ERROR, "SCRIPT_ERROR", where + ": " + truncate(e.getMessage()), e);
    }

    static PluginException unexpected(Throwable e) {
        return new PluginException(ErrorCategory.INTERNAL_ERROR, "SCRIPT_ERROR", "the script engine failed: " + truncate(String.valueOf(e)), e);
    }

    static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }

    /** The innermost frame in the plugin's own code, skipping the host's bootstrap. */
    private static SourceSection guestLocation(PolyglotException e) {
        // where the guest threw is usually the plugin's own line; the merged stack trace is walked only otherwise,
        // since it materialises every host frame too (a plugin failing on each call would pay that every time)
        SourceSection thrown = e.getSourceLocation();
        if (thrown != null && !isBootstrap(thrown)) {
            return thrown;
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection at = frame.getSourceLocation();
            if (frame.isGuestFrame() && at != null && !isBootstrap(at)) {
                return at;
            }
        }
        return null;
    }

    private static boolean isBootstrap(SourceSection at) {
        return at.getSource().getName().equals(JsBootstrap.SOURCE_NAME);
    }
}
