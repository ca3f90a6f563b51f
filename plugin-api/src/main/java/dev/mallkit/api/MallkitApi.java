package dev.mallkit.api;

/**
 * Facts about this API build. A plugin declares the API range it requires in its descriptor
 * ({@code requires}, e.g. {@code ">=1.0.0 & <2.0.0"}); the host compares it with {@link #VERSION}.
 */
public final class MallkitApi {
    /** The semantic version of this plugin API. Minor versions only add; a major version may break. */
    public static final String VERSION = "1.0.0";

    /** Name of the descriptor resource at the root of every plugin package. */
    public static final String DESCRIPTOR_RESOURCE = "mallkit-plugin.json";

    private MallkitApi() {
    }
}
