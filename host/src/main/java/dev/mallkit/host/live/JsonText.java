package dev.mallkit.host.live;

/**
 * Writes JSON text of strings, objects and arrays straight into a builder, with the commas placed for the
 * caller. The jump-target answer and the recorded offers hold nothing but strings: building them as
 * {@code JsonObject} maps and serialising those through Jackson's data binding cost more than asking the
 * providers. Escapes as Jackson does, so the text equals what Jackson wrote before.
 */
final class JsonText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out = new StringBuilder(512);
    /** Whether the next value is the first of its container (or follows a name): no comma before it. */
    private boolean first = true;

    JsonText open(char bracket) {
        separate();
        out.append(bracket);
        first = true;
        return this;
    }

    JsonText close(char bracket) {
        out.append(bracket);
        first = false;
        return this;
    }

    JsonText name(String name) {
        separate();
        string(name);
        out.append(':');
        first = true;
        return this;
    }

    /** Writes {@code value} as a JSON string, or {@code null}. */
    JsonText value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    JsonText field(String name, String value) {
        return name(name).value(value);
    }

    private void separate() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    private void string(String s) {
        out.append('"');
        int n = s.length();
        int plain = 0;
        while (plain < n && !escaped(s.charAt(plain))) {
            plain++;
        }
        // ids, labels and links rarely need escaping: append the whole string, which copies its bytes in one go
        // (a range is appended char by char once the builder holds UTF-16, as any Chinese label makes it)
        if (plain == n) {
            out.append(s).append('"');
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean escaped(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
