package dev.mallkit.api;

import static java.util.Objects.requireNonNull;

/**
 * One reason a plugin configuration is refused, reported by
 * {@link MallkitExtension#validate(PluginConfig)}. The host returns it in a 400 {@code CONFIG_INVALID}.
 *
 * @param path    a JSON path into the configuration, e.g. {@code $.levels[2].rateBps}
 * @param message a human sentence naming what is wrong
 */
public record ConfigProblem(String path, String message) {
    public ConfigProblem {
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
    }
}
