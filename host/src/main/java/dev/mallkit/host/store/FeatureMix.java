package dev.mallkit.host.store;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.api.distribution.CommissionLimits;
import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.distribution.DistributionPolicy;
import dev.mallkit.host.guard.GuardKey;
import dev.mallkit.host.guard.GuardedInvoker;
import dev.mallkit.host.http.ApiError;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.plugins.PublishedVersion;
import dev.mallkit.host.runtime.LoadedPlugin;
import dev.mallkit.host.store.FeatureRows.Row;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each store's feature mix: which plugin version serves which extension point, in what order, with what
 * configuration. Rows in {@code store_features}, resolved into an immutable {@link StoreSnapshot} per
 * store that is dropped on every change (cluster-wide through the event bus).
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
    private final SecretBox secrets;
    private final GuardedInvoker guard;
    private final Clock clock;
    private final Duration javaBudget;
    private final Duration jsBudget;
    private final Map<String, StoreSnapshot> snapshots = new ConcurrentHashMap<>();
    /** How many times snapshots were dropped: a snapshot built across a drop may predate the change, so it is not kept. */
    private final AtomicLong forgotten = new AtomicLong();
    private final SharedConfigs configs = new SharedConfigs(SHARED_CONFIGS);
    private final WeakInterner<Object> leaves = new WeakInterner<>(SHARED_LEAVES);

    public FeatureMix(Vertx vertx, Database db, PluginCatalog catalog, SecretBox secrets, GuardedInvoker guard, Clock clock,
                      Duration javaBudget, Duration jsBudget) {
        this.javaBudget = javaBudget;
        this.jsBudget = jsBudget;
        this.vertx = vertx;
        this.db = db;
        this.catalog = catalog;
        this.secrets = secrets;
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
                    resident(open(published, feature.row().config())), clock, db.dataSource(),
                    StoreTaggedLogger.version(loaded.id(), loaded.version()));
            for (String name : published.descriptor().extensionPoints()) {
                ExtensionPoints.named(name).ifPresent(point -> bind(byPoint, point, plugin.get(), context));
            }
        }
        return new StoreSnapshot(storeId, byPoint);
    }

    private <T extends MallkitExtension> void bind(Map<Class<?>, List<Bound<?>>> byPoint, Class<T> point, LoadedPlugin plugin,
                                                   HostPluginContext context) {
        PluginDescriptor descriptor = plugin.descriptor();
        plugin.extension(point).ifPresent(extension -> byPoint.merge(point,
                List.of(new Bound<>(descriptor.id(), descriptor.version(), extension, context, guard, budget(plugin))), FeatureMix::concat));
    }

    /** @return {@code first} then {@code second}, as one immutable list (two elements or fewer take no array) */
    private static List<Bound<?>> concat(List<Bound<?>> first, List<Bound<?>> second) {
        List<Bound<?>> out = new ArrayList<>(first.size() + second.size());
        out.addAll(first);
        out.addAll(second);
        return List.copyOf(out);
    }

    /** @return the time budget of a call into {@code plugin}: sandboxed JavaScript gets more than in-process Java */
    private Duration budget(LoadedPlugin plugin) {
        return plugin.tier() == LoadedPlugin.Tier.JAVASCRIPT ? jsBudget : javaBudget;
    }

    /** @return the store's features as the contract shows them, secrets masked */
    public Future<JsonArray> list(String storeId) {
        return db.read(c -> {
            JsonArray out = new JsonArray();
            for (Row row : FeatureRows.list(c, storeId)) {
                out.add(render(c, row));
            }
            return out;
        });
    }

    /** Enables or reconfigures {@code pluginId} on {@code storeId} from a PUT body. */
    public Future<JsonObject> put(String storeId, String pluginId, JsonObject body) {
        return db.offLoop(() -> {
            FeatureRequest request = FeatureRequest.parse(pluginId, body);
            warmUp(List.of(request));
            JsonObject rendered = db.inTransaction(c -> {
                FeatureRows.lockStore(c, storeId);
                Row row = prepare(c, storeId, pluginId, request);
                return render(c, row);
            });
            changed(storeId);
            return rendered;
        });
    }

    /** Disables {@code pluginId} on {@code storeId}; refused while another enabled plugin depends on it. */
    public Future<Void> delete(String storeId, String pluginId) {
        return db.offLoop(() -> {
            db.inTransaction(c -> {
                FeatureRows.lockStore(c, storeId);
                for (Row other : FeatureRows.list(c, storeId)) {
                    if (other.enabled() && !other.pluginId().equals(pluginId)
                            && descriptor(c, other).dependencies().contains(pluginId)) {
                        throw ApiError.conflict("DEPENDENCY_REQUIRED", other.pluginId() + " depends on " + pluginId + "; disable it first");
                    }
                }
                if (!FeatureRows.delete(c, storeId, pluginId)) {
                    throw ApiError.notFound("feature '" + pluginId + "' of store '" + storeId + "'");
                }
                return null;
            });
            changed(storeId);
            return null;
        });
    }

    /** Applies the same features to every store in {@code stores}, all or nothing. */
    public Future<JsonObject> apply(List<String> stores, List<FeatureRequest> features) {
        return db.offLoop(() -> {
            warmUp(features);
            JsonObject result = db.inTransaction(c -> {
                JsonObject out = new JsonObject();
                for (String store : stores) {
                    FeatureRows.lockStore(c, store);
                    JsonArray applied = new JsonArray();
                    for (FeatureRequest feature : features) {
                        try {
                            applied.add(render(c, prepare(c, store, feature.pluginId(), feature)));
                        } catch (ApiError e) {
                            JsonArray details = e.details().copy().add(new JsonObject().put("store", store).put("pluginId", feature.pluginId()));
                            throw new ApiError(e.status(), e.code(), "store " + store + ", " + feature.pluginId() + ": " + e.getMessage(), details);
                        }
                    }
                    out.put(store, applied);
                }
                return out;
            });
            stores.forEach(this::changed);
            return new JsonObject().put("applied", result);
        });
    }

    /**
     * Looks up the extensions of the requested plugin versions before any transaction: a JavaScript plugin's first
     * lookup on this host builds its first sandbox (seconds on a cold JVM), which the config check inside the
     * transaction would otherwise wait for while holding the store's lock and a pooled connection.
     */
    private void warmUp(List<FeatureRequest> features) {
        for (FeatureRequest feature : features) {
            catalog.loaded(feature.pluginId(), feature.version()).ifPresent(plugin -> plugin.descriptor().extensionPoints()
                    .forEach(name -> ExtensionPoints.named(name).ifPresent(plugin::extension)));
        }
    }

    /** Validates {@code request} for {@code storeId} and writes it; the caller holds the store lock. */
    private Row prepare(Connection c, String storeId, String pluginId, FeatureRequest request) throws SQLException {
        PublishedVersion published = PluginCatalog.published(c, pluginId, request.version())
                .orElseThrow(() -> new ApiError(404, "PLUGIN_NOT_FOUND", "plugin " + pluginId + " " + request.version() + " is not published"));
        if (published.yanked()) {
            throw ApiError.conflict("PLUGIN_YANKED", pluginId + " " + request.version() + " was yanked: " + published.reason());
        }
        LoadedPlugin plugin = catalog.loaded(pluginId, request.version()).orElseThrow(() -> ApiError.conflict("PLUGIN_UNAVAILABLE",
                pluginId + " " + request.version() + " is not loaded on this host: "
                        + catalog.failure(pluginId, request.version()).orElse("not installed")));
        List<Row> rows = FeatureRows.list(c, storeId);
        Optional<Row> existing = rows.stream().filter(r -> r.pluginId().equals(pluginId)).findFirst();
        String schema = published.descriptor().configSchema();
        JsonObject config = keepMaskedSecrets(schema, request.config(), existing.map(r -> open(published, r.config())));
        config = ConfigSchemas.withDefaults(schema, config);
        List<ConfigSchemas.Problem> problems = new ArrayList<>(ConfigSchemas.validate(schema, config));
        if (problems.isEmpty()) {
            problems.addAll(pluginProblems(storeId, published, plugin, config, c));
        }
        if (!problems.isEmpty()) {
            JsonArray details = new JsonArray();
            problems.forEach(p -> details.add(p.toJson()));
            throw new ApiError(400, "CONFIG_INVALID", "the configuration of " + pluginId + " is invalid: "
                    + problems.getFirst().path() + " " + problems.getFirst().message(), details);
        }
        if (request.enabled()) {
            checkSlotsAndDependencies(c, rows, pluginId, published.descriptor());
        }
        int order = request.order() != null ? request.order()
                : existing.map(Row::order).orElse(rows.stream().mapToInt(Row::order).max().orElse(0) + 10);
        Row row = new Row(storeId, pluginId, request.version(), order, request.enabled(),
                ConfigSchemas.mapSecrets(schema, config, v -> secrets.seal(String.valueOf(v))));
        FeatureRows.upsert(c, row);
        return row;
    }

    private List<ConfigSchemas.Problem> pluginProblems(String storeId, PublishedVersion published, LoadedPlugin plugin,
                                                       JsonObject config, Connection c) throws SQLException {
        PluginConfig pluginConfig = pluginConfig(config);
        String id = published.descriptor().id();
        String version = published.descriptor().version();
        List<ConfigSchemas.Problem> problems = new ArrayList<>();
        // the merchant is reconfiguring: an open breaker (tripped under the old config, say) must not refuse the check
        guard.resetBreakers(storeId);
        for (String name : published.descriptor().extensionPoints()) {
            Optional<? extends MallkitExtension> extension = ExtensionPoints.named(name).flatMap(plugin::extension);
            if (extension.isEmpty()) {
                continue;
            }
            List<ConfigProblem> found = guard.call(new GuardKey(id, version, storeId), budget(plugin), () -> extension.get().validate(pluginConfig));
            found.forEach(p -> problems.add(new ConfigSchemas.Problem(p.path(), p.message())));
            if (extension.get() instanceof DistributionScheme scheme) {
                CommissionLimits limits = guard.call(new GuardKey(id, version, storeId), budget(plugin), () -> scheme.limits(pluginConfig));
                DistributionPolicy policy = DistributionPolicy.load(c);
                long maxLevels = policy.maxLevels();
                long maxRate = policy.maxTotalRateBps();
                if (limits.levels() > maxLevels) {
                    problems.add(new ConfigSchemas.Problem("$", "pays " + limits.levels() + " commission levels; the platform allows at most " + maxLevels));
                }
                if (limits.totalRate().value() > maxRate) {
                    problems.add(new ConfigSchemas.Problem("$", "pays up to " + limits.totalRate().value()
                            + " bp of an order in total; the platform allows at most " + maxRate + " bp"));
                }
            }
        }
        return problems;
    }

    private void checkSlotsAndDependencies(Connection c, List<Row> rows, String pluginId, PluginDescriptor descriptor) throws SQLException {
        Map<String, PluginDescriptor> enabled = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.enabled() && !row.pluginId().equals(pluginId)) {
                enabled.put(row.pluginId(), descriptor(c, row));
            }
        }
        for (String point : descriptor.extensionPoints()) {
            Optional<Class<? extends MallkitExtension>> type = ExtensionPoints.named(point);
            if (type.isEmpty() || !ExtensionPoints.exclusive(type.get())) {
                continue;
            }
            for (PluginDescriptor other : enabled.values()) {
                if (other.extensionPoints().contains(point)) {
                    throw new ApiError(409, "SLOT_TAKEN", point + " is exclusive and the store already runs " + other.id()
                            + "; disable it first", new JsonArray().add(new JsonObject().put("extensionPoint", point).put("pluginId", other.id())));
                }
            }
        }
        for (String dependency : descriptor.dependencies()) {
            if (!enabled.containsKey(dependency)) {
                throw new ApiError(409, "DEPENDENCY_MISSING", pluginId + " requires " + dependency + " to be enabled on this store first",
                        new JsonArray().add(dependency));
            }
        }
    }

    private static PluginDescriptor descriptor(Connection c, Row row) throws SQLException {
        return PluginCatalog.published(c, row.pluginId(), row.version()).map(PublishedVersion::descriptor)
                .orElseThrow(() -> new IllegalStateException("store feature " + row.pluginId() + " " + row.version() + " has no published version"));
    }

    private JsonObject render(Connection c, Row row) throws SQLException {
        Optional<PublishedVersion> published = PluginCatalog.published(c, row.pluginId(), row.version());
        JsonObject out = new JsonObject()
                .put("pluginId", row.pluginId())
                .put("version", row.version())
                .put("extensionPoints", new JsonArray(published.map(p -> p.descriptor().extensionPoints()).orElse(List.of())))
                .put("order", row.order())
                .put("enabled", row.enabled())
                .put("config", published.map(p -> ConfigSchemas.mapSecrets(p.descriptor().configSchema(), row.config(),
                        v -> ConfigSchemas.MASK)).orElse(new JsonObject()));
        if (published.isPresent() && published.get().yanked()) {
            out.put("status", "YANKED").put("statusReason", published.get().reason());
        } else if (catalog.loaded(row.pluginId(), row.version()).isEmpty()) {
            out.put("status", "UNAVAILABLE").put("statusReason",
                    catalog.failure(row.pluginId(), row.version()).orElse("not loaded on this host"));
        } else {
            out.put("status", row.enabled() ? "ACTIVE" : "DISABLED");
        }
        return out;
    }

    private JsonObject open(PublishedVersion version, JsonObject sealed) {
        return ConfigSchemas.mapSecrets(version.descriptor().configSchema(), sealed,
                v -> SecretBox.sealed(v) ? secrets.open((String) v) : v);
    }

    private static JsonObject keepMaskedSecrets(String schema, JsonObject incoming, Optional<JsonObject> previous) {
        // a form that shows "******" sends it back unchanged: keep the stored secret
        JsonObject kept = incoming.copy();
        previous.ifPresent(prev -> {
            for (String name : incoming.fieldNames()) {
                if (ConfigSchemas.MASK.equals(incoming.getValue(name)) && prev.containsKey(name)) {
                    kept.put(name, prev.getValue(name));
                }
            }
        });
        return ConfigSchemas.mapSecrets(schema, kept, v -> v);
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
