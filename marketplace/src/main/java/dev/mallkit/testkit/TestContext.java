package dev.mallkit.testkit;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.PluginStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * A {@link PluginContext} for tests: a store id, a configuration, a fixed clock and an in-memory
 * key-value store with the same limits as the host's.
 *
 * <pre>{@code
 * var ctx = TestContext.forStore("s1").withConfig(Map.of("pointsPerYuan", 2));
 * var decision = program.onOrder(ctx, event, member);
 * }</pre>
 */
public final class TestContext implements PluginContext {
    /** The fixed instant tests start from unless they set another clock. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final String storeId;
    private final PluginConfig config;
    private final Clock clock;
    private final MemoryStore store;

    private TestContext(String storeId, PluginConfig config, Clock clock, MemoryStore store) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.store = store;
    }

    /** @return a context for {@code storeId} with an empty configuration and the clock fixed at {@link #EPOCH} */
    public static TestContext forStore(String storeId) {
        return new TestContext(storeId, PluginConfig.empty(), Clock.fixed(EPOCH, ZoneOffset.UTC), new MemoryStore());
    }

    /** @return a copy with {@code config} */
    public TestContext withConfig(Map<String, ?> config) {
        return new TestContext(storeId, PluginConfig.of(config), clock, store);
    }

    /** @return a copy with {@code config} */
    public TestContext withConfig(PluginConfig config) {
        return new TestContext(storeId, config, clock, store);
    }

    /** @return a copy whose clock is fixed at {@code now}, sharing the key-value store */
    public TestContext at(Instant now) {
        return new TestContext(storeId, config, Clock.fixed(now, ZoneOffset.UTC), store);
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public PluginStore store() {
        return store;
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("mallkit.plugin." + storeId);
    }

    /** An in-memory {@link PluginStore} with the host's limits. */
    static final class MemoryStore implements PluginStore {
        static final int MAX_KEY = 128;
        static final int MAX_VALUE = 4096;
        static final int MAX_KEYS = 1000;

        private final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(requireNonNull(key, "key is null")));
        }

        @Override
        public void put(String key, String value) {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            if (key.length() > MAX_KEY || value.length() > MAX_VALUE) {
                throw new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "STORE_LIMIT", "key or value too long");
            }
            if (!values.containsKey(key) && values.size() >= MAX_KEYS) {
                throw new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "STORE_LIMIT", "at most " + MAX_KEYS + " keys");
            }
            values.put(key, value);
        }

        @Override
        public void remove(String key) {
            values.remove(requireNonNull(key, "key is null"));
        }
    }
}
