package dev.mallkit.host.runtime;

import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.testkit.TestContext;
import java.util.List;

/** Calls a loaded test plugin the way the host would, for tests in any package. */
public final class PluginCalls {
    private PluginCalls() {
    }

    /** @return the targets the plugin's {@code LiveJumpProvider} offers in {@code storeId} */
    public static List<JumpTarget> jumpTargets(LoadedPlugin plugin, String storeId) {
        return jumpProvider(plugin).targets(TestContext.forStore(storeId), new JumpRequest("room-1", "viewer-1", null, "tok1"));
    }

    /** @return the plugin's {@code LiveJumpProvider} */
    public static LiveJumpProvider jumpProvider(LoadedPlugin plugin) {
        return plugin.extension(LiveJumpProvider.class).orElseThrow(() -> new AssertionError("no LiveJumpProvider in " + plugin.descriptor().id()));
    }

    /** @return a targets body returning one showcase target labelled {@code label} */
    public static String returning(String label) {
        return "return List.of(new JumpTarget(\"t1\", JumpTargetType.SHOWCASE_PRODUCT, \"" + label + "\", Map.of(), List.of()));";
    }
}
