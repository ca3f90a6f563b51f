package dev.mallkit.plugins.livejumpminiprogram;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A store's mini-program page configuration as the merchant entered it; {@link #problems()} says
 * what is wrong with it, {@link #target(JumpRequest)} renders a viewer's target from a valid one.
 *
 * @param appid             {@code wx} followed by 16 lower-case hex digits
 * @param path              the page, without a leading slash, only {@code [A-Za-z0-9_/.-]}
 * @param queryTemplate     the page query with {@code {room}}, {@code {viewer}}, {@code {sharer}}, {@code {token}}
 * @param urlLinkExpiryDays how long a generated URL Link stays valid, 1 to 30 days
 * @param title             the button text
 * @param labels            labels a click applies to the viewer
 */
record MiniProgramPage(String appid, String path, String queryTemplate, long urlLinkExpiryDays, String title, List<String> labels) {
    /** WeChat's limit on a URL Scheme query, counted before url-encoding. */
    static final int SCHEME_QUERY_MAX = 512;
    /** WeChat's limit on a URL Link query. */
    static final int URL_LINK_QUERY_MAX = 1024;
    static final int URL_LINK_EXPIRY_MAX_DAYS = 30;
    static final String DEFAULT_QUERY = "room={room}&viewer={viewer}&sharer={sharer}&t={token}";
    static final String TARGET_ID = "mini-program-page";
    private static final Pattern APPID = Pattern.compile("wx[0-9a-f]{16}");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_/.-]+");

    MiniProgramPage {
        requireNonNull(appid, "appid is null");
        requireNonNull(path, "path is null");
        requireNonNull(queryTemplate, "queryTemplate is null");
        requireNonNull(title, "title is null");
        labels = List.copyOf(requireNonNull(labels, "labels is null"));
    }

    /** @return the configuration in {@code config}, defaults applied for absent options */
    static MiniProgramPage from(PluginConfig config) {
        return new MiniProgramPage(
                config.getString("appid", ""),
                config.getString("path", ""),
                config.getString("queryTemplate", DEFAULT_QUERY),
                config.getLong("urlLinkExpiryDays", URL_LINK_EXPIRY_MAX_DAYS),
                config.getString("title", "进入小程序"),
                config.has("labels") ? config.getList("labels").stream().map(String::valueOf).toList() : List.of("live:mini-program"));
    }

    /** @return every problem, each naming its field; empty when the page can be rendered */
    List<ConfigProblem> problems() {
        List<ConfigProblem> problems = new ArrayList<>();
        if (!APPID.matcher(appid).matches()) {
            problems.add(new ConfigProblem("$.appid", "appid must be 'wx' followed by 16 lower-case hex digits: " + appid));
        }
        if (path.startsWith("/")) {
            problems.add(new ConfigProblem("$.path", "path must not start with '/': " + path));
        } else if (!PATH.matcher(path).matches()) {
            problems.add(new ConfigProblem("$.path", "path may hold only letters, digits and _/.- : " + path));
        }
        String template = QueryTemplate.problem(queryTemplate, SCHEME_QUERY_MAX);
        if (template != null) {
            problems.add(new ConfigProblem("$.queryTemplate", template));
        }
        if (urlLinkExpiryDays < 1 || urlLinkExpiryDays > URL_LINK_EXPIRY_MAX_DAYS) {
            problems.add(new ConfigProblem("$.urlLinkExpiryDays", "urlLinkExpiryDays must be 1 to 30: " + urlLinkExpiryDays));
        }
        return problems;
    }

    /** @return the viewer's target; fails with {@code CONFIG_INVALID} when the configuration has problems */
    JumpTarget target(JumpRequest request) {
        List<ConfigProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new PluginException(ErrorCategory.USER_ERROR, "CONFIG_INVALID", problems.toString());
        }
        QueryTemplate template = QueryTemplate.parse(queryTemplate, SCHEME_QUERY_MAX);
        String query = template.render(request, SCHEME_QUERY_MAX);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("appid", appid);
        attributes.put("path", path);
        attributes.put("query", query);
        attributes.put("urlScheme", "weixin://dl/business/?appid=" + appid
                + "&path=" + QueryTemplate.encode(path) + "&query=" + QueryTemplate.encode(query));
        attributes.put("urlLink.path", path);
        attributes.put("urlLink.query", template.render(request, URL_LINK_QUERY_MAX));
        attributes.put("urlLink.expireIntervalDays", Long.toString(urlLinkExpiryDays));
        return new JumpTarget(TARGET_ID, JumpTargetType.MINI_PROGRAM_PAGE, title, attributes, labels);
    }
}
