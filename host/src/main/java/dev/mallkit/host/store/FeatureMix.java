package dev.mallkit.host.store;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.guard.GuardedInvoker;
import dev.mallkit.host.kernel.ExtensionPoints;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.plugins.PublishedVersion;
import dev.mallkit.host.runtime.LoadedPlugin;
import dev.mallkit.host.store.FeatureRows.Row;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each store's feature mix as plugins are called: which plugin version serves which extension point, in what
 * order, with what configuration. Rows in {@code store_features} (changed by {@link FeatureCommands}), resolved into
 * an immutable {@link StoreSnapshot} per store that is dropped on every change (cluster-wide through the event bus).
 */
public final class FeatureMix {
    /** Event-bus address: body is a store id, or {@code *} for every store. */
    public static final String CHANGED = "mallkit.features.changed";
    /** Distinct live configurations, and distinct config leaves, shared between snapshots at most; see {@link SharedConfigs}, {@link WeakInterner}. */
    static final int SHARED_CONFIGS = 16_384;
    static final int SHARED_LEAVES = 65_536;

    private final Vertx vertx;
    private final Database db;
    private final PluginCatalog catalog;
    private final FeatureSecrets secrets;
    private final GuardedInvoker guard;
    private final Clock clock;
    private final CallBudgets budgets;
    private final ExtensionPoints points;
    private final Map<String, StoreSnapshot> snapshots = new ConcurrentHashMap<>();
    /** How many times snapshots were dropped: a snapshot built across a drop may predate the change, so it is not kept. */
    private final AtomicLong forgotten = new AtomicLong();
    private final SharedConfigs configs = new SharedConfigs(SHARED_CONFIGS);
    private final WeakInterner<Object> leaves = new WeakInterner<>(SHARED_LEAVES);

    public FeatureMix(Vertx vertx, Database db, PluginCatalog catalog, SecretBox secrets, GuardedInvoker guard, Clock clock,
                      CallBudgets budgets, ExtensionPoints points) {
        this.budgets = budgets;
        this.points = points;
        this.vertx = vertx;
        this.db = db;
        this.catalog = catalog;
        this.secrets = new FeatureSecrets(secrets);
        this.guard = guard;
        this.clock = clock;
        vertx.eventBus().<String>consumer(CHANGED, message -> forget(message.body()));
    }

    /**
     * Drops the cached snapshot of {@code storeId} ({@code *}: of every store, e.g. after a plugin version was
     * installed or yanked) in this process. A store's own change also closes its plugins' breakers: its merchant
     * changed the mix (a new version, another config), which gives them a fresh start.
     */
    public void forget(String storeId) {
        forgotten.incrementAndGet();
        if ("*".equals(storeId)) {
            snapshots.clear();
        } else {
            snapshots.remove(storeId);
            guard.resetBreakers(storeId);
        }
    }

    /** Tells every host (this one included) that {@code storeId}'s mix changed. */
    public void changed(String storeId) {
        forget(storeId);
        vertx.eventBus().publish(CHANGED, storeId);
    }

    /** @return the store's resolved mix; blocking on a cache miss, so call it off the event loop */
    public StoreSnapshot snapshot(String storeId) throws SQLException {
        StoreSnapshot cached = snapshots.get(storeId);
        if (cached != null) {
            return cached;
        }
        long seen = forgotten.get();
        List<Enabled> enabled = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            for (Row row : FeatureRows.list(c, storeId)) {
                if (row.enabled()) {
                    PluginCatalog.published(c, row.pluginId(), row.version()).ifPresent(p -> enabled.add(new Enabled(row, p)));
                }
            }
        }
        // binding may warm up a JavaScript plugin's first sandbox (seconds on a cold JVM): not while holding a connection
        StoreSnapshot built = build(storeId, enabled);
        snapshots.put(storeId, built);
        if (forgotten.get() != seen) {
            // a change arrived while this was read: the rows may be older than it (the next call reads them again)
            snapshots.remove(storeId, built);
        }
        return built;
    }

    private record Enabled(Row row, PublishedVersion published) {
    }

    private StoreSnapshot build(String storeId, List<Enabled> enabled) {
        // resident per store until the mix changes: share what is equal across stores (ids, versions, loggers,
        // configs) and keep the per-point lists compact
        Map<Class<?>, List<Bound<?>>> byPoint = new HashMap<>(4);
        for (Enabled feature : enabled) {
            PublishedVersion published = feature.published();
            Optional<LoadedPlugin> plugin = catalog.loaded(feature.row().pluginId(), feature.row().version());
            if (published.yanked() || plugin.isEmpty()) {
                continue;
            }
            PluginDescriptor loaded = plugin.get().descriptor();
            HostPluginContext context = new HostPluginContext(storeId, loaded.id(),
                    resident(secrets.open(published, feature.row().config())), clock, db.dataSource(),
                    StoreTaggedLogger.version(loaded.id(), loaded.version()));
            for (String name : published.descriptor().extensionPoints()) {
                points.type(name).ifPresent(point -> bind(byPoint, point, plugin.get(), context));
            }
        }
        return new StoreSnapshot(storeId, byPoint);
    }

    private <T extends MallkitExtension> void bind(Map<Class<?>, List<Bound<?>>> byPoint, Class<T> point, LoadedPlugin plugin,
                                                   HostPluginContext context) {
        PluginDescriptor descriptor = plugin.descriptor();
        plugin.extension(point).ifPresent(extension -> byPoint.merge(point,
                List.of(new Bound<>(descriptor.id(), descriptor.version(), extension, context, guard, budgets.of(plugin))), FeatureMix::concat));
    }

    /** @return {@code first} then {@code second}, as one immutable list (two elements or fewer take no array) */
    private static List<Bound<?>> concat(List<Bound<?>> first, List<Bound<?>> second) {
        List<Bound<?>> out = new ArrayList<>(first.size() + second.size());
        out.addAll(first);
        out.addAll(second);
        return List.copyOf(out);
    }

    /**
     * @return the parsed config a snapshot keeps: an equal live one if any, else one whose text and number leaves are
     * shared with other stores' configs (an all-distinct config usually differs from its neighbours in a field or two)
     */
    @SuppressWarnings("unchecked")
    private PluginConfig resident(JsonObject opened) {
        Map<String, Object> parsed = DatabindCodec.mapper().convertValue(opened.getMap(), Map.class);
        // PluginConfig.of copies maps and lists but keeps the leaves it is given: give it shared ones
        return configs.of((Map<String, Object>) shareLeaves(parsed));
    }

    private Object shareLeaves(Object node) {
        return switch (node) {
            case null -> null;
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put((String) leaves.intern(String.valueOf(k)), shareLeaves(v)));
                yield out;
            }
            case List<?> list -> list.stream().map(this::shareLeaves).toList();
            // the types PluginConfig stores, so that its copy keeps the shared instance
            case Integer i -> leaves.intern(i.longValue());
            case Short i -> leaves.intern(i.longValue());
            case Byte i -> leaves.intern(i.longValue());
            case Float f -> leaves.intern(f.doubleValue());
            default -> leaves.intern(node);
        };
    }

    @SuppressWarnings("unchecked")
    static PluginConfig pluginConfig(JsonObject config) {
        return PluginConfig.of(DatabindCodec.mapper().convertValue(config.getMap(), Map.class));
    }
}
