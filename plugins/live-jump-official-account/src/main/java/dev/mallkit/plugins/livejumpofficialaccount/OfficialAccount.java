package dev.mallkit.plugins.livejumpofficialaccount;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A store's official-account configuration as the merchant entered it: an article, a profile to
 * follow, or both. {@link #problems()} says what is wrong with it.
 *
 * @param articleUrl   {@code https://mp.weixin.qq.com/s/<id>}, or null
 * @param articleTitle the article button text
 * @param accountId    the account's original id, {@code gh_} and 12 hex digits, or null
 * @param profileName  the account's display name, or null
 * @param labels       labels a click applies to the viewer
 */
record OfficialAccount(String articleUrl, String articleTitle, String accountId, String profileName, List<String> labels) {
    static final String ARTICLE_ID = "official-account-article";
    static final String PROFILE_ID = "official-account-profile";
    private static final Pattern ARTICLE_URL = Pattern.compile("https://mp\\.weixin\\.qq\\.com/s/[A-Za-z0-9_-]{1,128}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("gh_[0-9a-f]{12}");

    OfficialAccount {
        requireNonNull(articleTitle, "articleTitle is null");
        labels = List.copyOf(requireNonNull(labels, "labels is null"));
    }

    /** @return the configuration in {@code config}, defaults applied for absent options */
    static OfficialAccount from(PluginConfig config) {
        return new OfficialAccount(
                config.getString("articleUrl", null),
                config.getString("articleTitle", "阅读文章"),
                config.getString("accountId", null),
                config.getString("profileName", null),
                config.has("labels") ? config.getList("labels").stream().map(String::valueOf).toList() : List.of("live:official-account"));
    }

    /** @return every problem, each naming its field; empty when the targets can be offered */
    List<ConfigProblem> problems() {
        List<ConfigProblem> problems = new ArrayList<>();
        if (articleUrl == null && accountId == null && profileName == null) {
            problems.add(new ConfigProblem("$", "configure articleUrl, accountId with profileName, or both"));
        }
        if (articleUrl != null && !ARTICLE_URL.matcher(articleUrl).matches()) {
            problems.add(new ConfigProblem("$.articleUrl", "must be an article link https://mp.weixin.qq.com/s/<id>: " + articleUrl));
        }
        if (articleTitle.isBlank()) {
            problems.add(new ConfigProblem("$.articleTitle", "articleTitle must not be blank"));
        }
        if ((accountId != null || profileName != null) && (accountId == null || !ACCOUNT_ID.matcher(accountId).matches())) {
            problems.add(new ConfigProblem("$.accountId", "a profile needs the account's original id, gh_ and 12 hex digits: " + accountId));
        }
        if (accountId != null && (profileName == null || profileName.isBlank())) {
            problems.add(new ConfigProblem("$.profileName", "a profile needs the account's name"));
        }
        return problems;
    }

    /** @return the article then the profile, as configured; fails with {@code CONFIG_INVALID} when the configuration has problems */
    List<JumpTarget> targets() {
        List<ConfigProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new PluginException(ErrorCategory.USER_ERROR, "CONFIG_INVALID", problems.toString());
        }
        List<JumpTarget> targets = new ArrayList<>(2);
        if (articleUrl != null) {
            targets.add(new JumpTarget(ARTICLE_ID, JumpTargetType.OFFICIAL_ACCOUNT_ARTICLE, articleTitle, Map.of("url", articleUrl), labels));
        }
        if (accountId != null) {
            targets.add(new JumpTarget(PROFILE_ID, JumpTargetType.OFFICIAL_ACCOUNT_PROFILE, "关注" + profileName,
                    Map.of("accountId", accountId, "profileName", profileName), labels));
        }
        return targets;
    }
}
