package dev.mallkit.host.live;

import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.js.JsAdapter;
import dev.mallkit.host.js.JsLiveJumpProvider;
import dev.mallkit.host.kernel.ExtensionPointSpec;
import java.util.List;

/** The {@link LiveJumpProvider} extension point, declared by the live domain. */
public final class LiveJumpProviderPoint implements ExtensionPointSpec<LiveJumpProvider> {
    private static final JsAdapter<LiveJumpProvider> JAVASCRIPT = new JsAdapter<>(List.of("targets"), JsLiveJumpProvider::new);

    @Override
    public Class<LiveJumpProvider> type() {
        return LiveJumpProvider.class;
    }

    @Override
    public JsAdapter<LiveJumpProvider> javascript() {
        return JAVASCRIPT;
    }
}
