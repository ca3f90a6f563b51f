package dev.mallkit.host.store;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginDescriptor;
import java.util.Optional;
import java.util.function.Function;

/** A plugin version a merchant is enabling or reconfiguring on a store, as an {@link EnableCheck} sees it. */
public interface Candidate {

    /** @return the store */
    String storeId();

    /** @return the plugin version's descriptor */
    PluginDescriptor descriptor();

    /** @return the configuration the merchant sent, with schema defaults applied and secrets opened */
    PluginConfig config();

    /**
     * Asks the plugin's extension for {@code point} under its guard (budget, breaker) and returns the answer.
     *
     * @return the answer, or empty when the plugin does not implement {@code point}
     */
    <T extends MallkitExtension, R> Optional<R> ask(Class<T> point, Function<T, R> question);
}
