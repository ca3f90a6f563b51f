package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.host.Mallkit;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What closed JavaScript plugins leave in the shared engine when the same package is loaded again. */
class JsReloadTest {

    private static final String MARKER = "reload-marker";

    @TempDir
    Path dir;
    private JsEngine engine;
    private JsPluginLoader loader;

    @BeforeEach
    void start() {
        engine = JsTestPackages.engine();
        loader = new JsPluginLoader(Mallkit.standardPoints(), engine);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void reloadsOfOnePackageShareOneParsedModuleAndItIsReleased() throws InterruptedException {
        Path pkg = JsTestPackages.liveJump(dir, "reload", "return t('" + MARKER + "');");
        for (int i = 0; i < 10; i++) {
            loader.load(pkg).close();
        }
        try (JsPlugin plugin = loader.load(pkg)) {
            // the engine caches parsed code per equal source until that source is collected; a source unequal per load
            // (another name or URI each time) left one parsed module per closed load in it until an old-generation GC
            assertThat(cachedModules()).as("parsed copies of the module with the reloads closed").isEqualTo(1);
            assertThat(JsTestPackages.label(plugin, "s1")).isEqualTo(MARKER);
        }
        for (int i = 0; i < 100 && cachedModules() > 0; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(cachedModules()).as("the parsed module once every load is closed").isZero();
    }

    /** @return how many parsed copies of the test module the engine caches */
    private long cachedModules() {
        try (Context context = engine.newContext()) {
            return context.getEngine().getCachedSources().stream()
                    .filter(source -> source.getName().equals(JsPackage.MODULE) && source.getCharacters().toString().contains(MARKER))
                    .count();
        }
    }
}
