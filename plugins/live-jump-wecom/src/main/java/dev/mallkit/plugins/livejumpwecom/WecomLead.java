package dev.mallkit.plugins.livejumpwecom;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A store's WeCom configuration as the merchant entered it: a customer-acquisition link, a
 * contact-me configuration, or both. {@link #problems()} says what is wrong with it.
 *
 * @param acquisitionLink {@code https://work.weixin.qq.com/ca/<id>}, or null
 * @param channelTemplate the {@code customer_channel} template appended to the acquisition link
 * @param contactWay      the contact-me configuration, or null
 * @param title           the button text
 * @param labels          labels a click applies to the viewer
 */
record WecomLead(String acquisitionLink, String channelTemplate, ContactWay contactWay, String title, List<String> labels) {
    static final String ACQUISITION_ID = "wecom-acquisition-link";
    static final String CONTACT_ID = "wecom-contact";
    private static final Pattern ACQUISITION_LINK = Pattern.compile("https://work\\.weixin\\.qq\\.com/ca/[A-Za-z0-9_-]{1,64}");
    private static final Pattern CONFIG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    WecomLead {
        requireNonNull(channelTemplate, "channelTemplate is null");
        requireNonNull(title, "title is null");
        labels = List.copyOf(requireNonNull(labels, "labels is null"));
    }

    /** @return the configuration in {@code config}, defaults applied for absent options */
    static WecomLead from(PluginConfig config) {
        PluginConfig contact = config.getObject("contactWay");
        return new WecomLead(
                config.getString("acquisitionLink", null),
                config.getString("channelTemplate", "{token}"),
                config.has("contactWay")
                        ? new ContactWay(contact.getString("configId", ""), contact.getList("userIds").stream().map(String::valueOf).toList())
                        : null,
                config.getString("title", "添加企业微信"),
                config.has("labels") ? config.getList("labels").stream().map(String::valueOf).toList() : List.of("live:wecom-lead"));
    }

    /** @return every problem, each naming its field; empty when the targets can be rendered */
    List<ConfigProblem> problems() {
        List<ConfigProblem> problems = new ArrayList<>();
        if (acquisitionLink == null && contactWay == null) {
            problems.add(new ConfigProblem("$", "configure acquisitionLink, contactWay or both"));
        }
        if (acquisitionLink != null && !ACQUISITION_LINK.matcher(acquisitionLink).matches()) {
            problems.add(new ConfigProblem("$.acquisitionLink", "must be https://work.weixin.qq.com/ca/<link id>: " + acquisitionLink));
        }
        String template = ChannelTemplate.problem(channelTemplate);
        if (template != null) {
            problems.add(new ConfigProblem("$.channelTemplate", template));
        }
        if (contactWay != null) {
            if (!CONFIG_ID.matcher(contactWay.configId()).matches()) {
                problems.add(new ConfigProblem("$.contactWay.configId", "must be the config_id WeCom returned: " + contactWay.configId()));
            }
            if (contactWay.userIds().isEmpty() || contactWay.userIds().stream().anyMatch(String::isBlank)) {
                problems.add(new ConfigProblem("$.contactWay.userIds", "name at least one member, none blank"));
            }
        }
        return problems;
    }

    /** @return the viewer's targets, acquisition link first; fails with {@code CONFIG_INVALID} when the configuration has problems */
    List<JumpTarget> targets(JumpRequest request) {
        List<ConfigProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new PluginException(ErrorCategory.USER_ERROR, "CONFIG_INVALID", problems.toString());
        }
        List<JumpTarget> targets = new ArrayList<>(2);
        if (acquisitionLink != null) {
            String channel = new ChannelTemplate(channelTemplate).render(request);
            String url = acquisitionLink + "?customer_channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8).replace("+", "%20");
            targets.add(new JumpTarget(ACQUISITION_ID, JumpTargetType.WECOM_ACQUISITION_LINK, title,
                    Map.of("url", url, "customerChannel", channel), labels));
        }
        if (contactWay != null) {
            targets.add(new JumpTarget(CONTACT_ID, JumpTargetType.WECOM_CONTACT, title,
                    Map.of("configId", contactWay.configId(), "userIds", String.join(",", contactWay.userIds())), labels));
        }
        return targets;
    }
}
