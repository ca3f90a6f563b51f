package dev.mallkit.plugins.livejumpwecom;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A WeCom contact-me ("联系我") configuration the merchant created with {@code add_contact_way}.
 *
 * @param configId the {@code config_id} WeCom returned
 * @param userIds  the members a viewer may add, at least one
 */
record ContactWay(String configId, List<String> userIds) {
    ContactWay {
        requireNonNull(configId, "configId is null");
        userIds = List.copyOf(requireNonNull(userIds, "userIds is null"));
    }
}
