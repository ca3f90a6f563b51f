package dev.mallkit.plugins.livejumpminiprogram;

import dev.mallkit.api.live.JumpRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A mini-program query with {@code {room}}, {@code {viewer}}, {@code {sharer}} and {@code {token}}
 * placeholders, rendered within a character limit without ever truncating.
 *
 * <p>Values are percent-encoded so an id holding {@code &} or {@code =} cannot add parameters. When
 * the raw values do not fit, every value longer than its share of the room the literal text leaves
 * (the room divided evenly among the raw placeholders) is replaced by the host's attribution token,
 * which the host resolves back to (room, viewer, sharer). A template whose literal text plus
 * {@value #TOKEN_MAX} characters per placeholder exceeds the limit is refused up front, so the
 * tokenised form always fits.
 */
final class QueryTemplate {
    /** The longest attribution token the host mints. */
    static final int TOKEN_MAX = 16;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    // what WeChat accepts in a URL Scheme query; braces only ever appear around placeholders
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9!#$&'()*+,/:;=?@._~%-]*");
    private static final List<String> NAMES = List.of("room", "viewer", "sharer", "token");

    private final List<String> literals = new ArrayList<>();
    private final List<String> placeholders = new ArrayList<>();

    private QueryTemplate(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        int from = 0;
        while (matcher.find()) {
            literals.add(template.substring(from, matcher.start()));
            placeholders.add(matcher.group(1));
            from = matcher.end();
        }
        literals.add(template.substring(from));
    }

    /**
     * @return the problem with {@code template} under {@code limit} characters, or null when it is usable
     */
    static String problem(String template, int limit) {
        var parsed = new QueryTemplate(requireNonNull(template, "template is null"));
        for (String name : parsed.placeholders) {
            if (!NAMES.contains(name)) {
                return "unknown placeholder {" + name + "}; use " + String.join(", ", NAMES.stream().map(n -> "{" + n + "}").toList());
            }
        }
        for (String literal : parsed.literals) {
            if (!LITERAL.matcher(literal).matches()) {
                return "only letters, digits and !#$&'()*+,/:;=?@._~%- may appear outside placeholders: " + literal;
            }
        }
        int worst = parsed.literalLength() + parsed.placeholders.size() * TOKEN_MAX;
        if (worst > limit) {
            return "can reach " + worst + " characters with every placeholder as a " + TOKEN_MAX
                    + "-character token; the limit is " + limit;
        }
        return null;
    }

    /** @return a usable template; {@code template} must have passed {@link #problem(String, int)} */
    static QueryTemplate parse(String template, int limit) {
        String problem = problem(template, limit);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new QueryTemplate(template);
    }

    /** @return the query for {@code request}, at most {@code limit} characters */
    String render(JumpRequest request, int limit) {
        Map<String, String> raw = Map.of(
                "room", encode(request.roomId()),
                "viewer", encode(request.viewerId()),
                "sharer", encode(Objects.requireNonNullElse(request.sharerId(), "")),
                "token", request.attributionToken());
        String query = join(raw, Integer.MAX_VALUE, request.attributionToken());
        if (query.length() <= limit) {
            return query;
        }
        long tokens = placeholders.stream().filter("token"::equals).count();
        long rawSlots = placeholders.size() - tokens;
        int share = (int) ((limit - literalLength() - tokens * request.attributionToken().length()) / rawSlots);
        return join(raw, share, request.attributionToken());
    }

    private String join(Map<String, String> values, int share, String token) {
        StringBuilder out = new StringBuilder(literals.getFirst());
        for (int i = 0; i < placeholders.size(); i++) {
            String value = values.get(placeholders.get(i));
            out.append(value.length() > share ? token : value).append(literals.get(i + 1));
        }
        return out.toString();
    }

    private int literalLength() {
        return literals.stream().mapToInt(String::length).sum();
    }

    /** @return {@code value} percent-encoded as a URL query component (space as %20) */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
