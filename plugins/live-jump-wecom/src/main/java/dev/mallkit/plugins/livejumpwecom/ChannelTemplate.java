package dev.mallkit.plugins.livejumpwecom;

import dev.mallkit.api.live.JumpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A WeCom {@code customer_channel} template with {@code {room}}, {@code {viewer}}, {@code {sharer}}
 * and {@code {token}} placeholders. WeCom cuts a channel after {@value #MAX_BYTES} UTF-8 bytes, which
 * would break attribution, so a rendered channel never exceeds it: when the raw values do not fit,
 * each value longer (in bytes) than its even share of the bytes the literal text leaves is replaced
 * by the host's attribution token. A template that cannot fit with every placeholder as a
 * {@value #TOKEN_MAX}-character token is refused by {@link #problem(String)}.
 *
 * @param template the template, as configured
 */
record ChannelTemplate(String template) {
    /** WeCom's limit on {@code customer_channel}, in UTF-8 bytes. */
    static final int MAX_BYTES = 64;
    static final int TOKEN_MAX = 16;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> NAMES = Set.of("room", "viewer", "sharer", "token");

    ChannelTemplate {
        String problem = problem(template);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** @return what is wrong with {@code template}, or null when it is usable */
    static String problem(String template) {
        requireNonNull(template, "template is null");
        var unknown = PLACEHOLDER.matcher(template).results().map(m -> m.group(1)).filter(n -> !NAMES.contains(n)).findFirst();
        if (unknown.isPresent()) {
            return "unknown placeholder {" + unknown.get() + "}; use {room}, {viewer}, {sharer} or {token}";
        }
        String literal = PLACEHOLDER.matcher(template).replaceAll("");
        if (literal.contains("{") || literal.contains("}")) {
            return "braces may only surround a placeholder: " + template;
        }
        long worst = bytes(literal) + PLACEHOLDER.matcher(template).results().count() * TOKEN_MAX;
        if (worst > MAX_BYTES) {
            return "can reach " + worst + " bytes with every placeholder as a " + TOKEN_MAX + "-character token; WeCom keeps " + MAX_BYTES;
        }
        return null;
    }

    /** @return the channel for {@code request}, at most {@value #MAX_BYTES} UTF-8 bytes */
    String render(JumpRequest request) {
        String token = request.attributionToken();
        Map<String, String> values = Map.of(
                "room", request.roomId(),
                "viewer", request.viewerId(),
                "sharer", Objects.requireNonNullElse(request.sharerId(), ""),
                "token", token);
        String channel = fill(values, Integer.MAX_VALUE, token);
        if (bytes(channel) <= MAX_BYTES) {
            return channel;
        }
        long tokens = PLACEHOLDER.matcher(template).results().filter(m -> m.group(1).equals("token")).count();
        long rawSlots = PLACEHOLDER.matcher(template).results().count() - tokens;
        int literal = bytes(PLACEHOLDER.matcher(template).replaceAll(""));
        int share = (int) ((MAX_BYTES - literal - tokens * token.length()) / rawSlots);
        return fill(values, share, token);
    }

    private String fill(Map<String, String> values, int shareBytes, String token) {
        return PLACEHOLDER.matcher(template).replaceAll(m -> {
            String value = values.get(m.group(1));
            return Matcher.quoteReplacement(bytes(value) > shareBytes ? token : value);
        });
    }

    static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
