package dev.mallkit.host.store;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.guard.GuardKey;
import dev.mallkit.host.guard.GuardedInvoker;
import dev.mallkit.host.kernel.ExtensionPoints;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.plugins.PublishedVersion;
import dev.mallkit.host.runtime.LoadedPlugin;
import dev.mallkit.host.store.FeatureRows.Row;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A merchant's changes to store mixes: enable or reconfigure a plugin (PUT), disable it (DELETE), and apply one
 * mix to many stores at once, all or nothing. Each change is validated (schema, the plugin's own checks, the
 * domains' {@link EnableCheck}s, slots and dependencies) inside one transaction holding the store's lock, then
 * announced so every host drops the store's snapshot.
 */
public final class FeatureCommands {
    private final Database db;
    private final PluginCatalog catalog;
    private final FeatureMix mix;
    private final FeatureView view;
    private final FeatureSecrets secrets;
    private final GuardedInvoker guard;
    private final CallBudgets budgets;
    private final ExtensionPoints points;
    private final SlotRules slots;
    private final List<EnableCheck> checks;

    public FeatureCommands(Database db, PluginCatalog catalog, FeatureMix mix, FeatureView view, SecretBox secrets,
                           GuardedInvoker guard, CallBudgets budgets, ExtensionPoints points, List<EnableCheck> checks) {
        this.db = db;
        this.catalog = catalog;
        this.mix = mix;
        this.view = view;
        this.secrets = new FeatureSecrets(secrets);
        this.guard = guard;
        this.budgets = budgets;
        this.points = points;
        this.slots = new SlotRules(points);
        this.checks = List.copyOf(checks);
    }

    /** Enables or reconfigures {@code pluginId} on {@code storeId} from a PUT body. */
    public Future<JsonObject> put(String storeId, String pluginId, JsonObject body) {
        return db.offLoop(() -> {
            FeatureRequest request = FeatureRequest.parse(pluginId, body);
            warmUp(List.of(request));
            JsonObject rendered = db.inTransaction(c -> {
                FeatureRows.lockStore(c, storeId);
                return view.render(c, prepare(c, storeId, pluginId, request));
            });
            mix.changed(storeId);
            return rendered;
        });
    }

    /** Disables {@code pluginId} on {@code storeId}; refused while another enabled plugin depends on it. */
    public Future<Void> delete(String storeId, String pluginId) {
        return db.offLoop(() -> {
            db.inTransaction(c -> {
                FeatureRows.lockStore(c, storeId);
                slots.checkDisable(c, storeId, pluginId);
                if (!FeatureRows.delete(c, storeId, pluginId)) {
                    throw HostError.notFound("feature '" + pluginId + "' of store '" + storeId + "'");
                }
                return null;
            });
            mix.changed(storeId);
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
                            applied.add(view.render(c, prepare(c, store, feature.pluginId(), feature)));
                        } catch (HostError e) {
                            throw e.within("store " + store + ", " + feature.pluginId() + ": ",
                                    new JsonObject().put("store", store).put("pluginId", feature.pluginId()));
                        }
                    }
                    out.put(store, applied);
                }
                return out;
            });
            stores.forEach(mix::changed);
            return new JsonObject().put("applied", result);
        });
    }

    /**
     * Looks up the extensions of the requested plugin versions before any transaction: a JavaScript plugin's first
     * lookup on this host starts its worker and first sandbox, which the checks inside the transaction would
     * otherwise wait for while holding the store's lock and a pooled connection.
     */
    private void warmUp(List<FeatureRequest> features) {
        for (FeatureRequest feature : features) {
            catalog.loaded(feature.pluginId(), feature.version()).ifPresent(plugin -> plugin.descriptor().extensionPoints()
                    .forEach(name -> points.type(name).ifPresent(plugin::extension)));
        }
    }

    /** Validates {@code request} for {@code storeId} and writes it; the caller holds the store lock. */
    private Row prepare(Connection c, String storeId, String pluginId, FeatureRequest request) throws SQLException {
        PublishedVersion published = PluginCatalog.published(c, pluginId, request.version())
                .orElseThrow(() -> new HostError(ErrorCode.PLUGIN_NOT_FOUND, "plugin " + pluginId + " " + request.version() + " is not published"));
        if (published.yanked()) {
            throw new HostError(ErrorCode.PLUGIN_YANKED, pluginId + " " + request.version() + " was yanked: " + published.reason());
        }
        LoadedPlugin plugin = catalog.loaded(pluginId, request.version()).orElseThrow(() -> new HostError(ErrorCode.PLUGIN_NOT_LOADED,
                pluginId + " " + request.version() + " is not loaded on this host: "
                        + catalog.failure(pluginId, request.version()).orElse("not installed")));
        List<Row> rows = FeatureRows.list(c, storeId);
        Optional<Row> existing = rows.stream().filter(r -> r.pluginId().equals(pluginId)).findFirst();
        String schema = published.descriptor().configSchema();
        JsonObject config = FeatureSecrets.keepMasked(schema, request.config(), existing.map(r -> secrets.open(published, r.config())));
        config = ConfigSchemas.withDefaults(schema, config);
        List<ConfigSchemas.Problem> problems = new ArrayList<>(ConfigSchemas.validate(schema, config));
        if (problems.isEmpty()) {
            problems.addAll(pluginProblems(c, new Checked(storeId, published.descriptor(), plugin, FeatureMix.pluginConfig(config))));
        }
        if (!problems.isEmpty()) {
            JsonArray details = new JsonArray();
            problems.forEach(p -> details.add(p.toJson()));
            throw new HostError(ErrorCode.CONFIG_INVALID, "the configuration of " + pluginId + " is invalid: "
                    + problems.getFirst().path() + " " + problems.getFirst().message(), details);
        }
        if (request.enabled()) {
            slots.checkEnable(c, rows, published.descriptor());
        }
        int order = request.order() != null ? request.order()
                : existing.map(Row::order).orElse(rows.stream().mapToInt(Row::order).max().orElse(0) + 10);
        Row row = new Row(storeId, pluginId, request.version(), order, request.enabled(), secrets.seal(schema, config));
        FeatureRows.upsert(c, row);
        return row;
    }

    /** The plugin's own {@code validate} for each point it implements, then every domain's enable check. */
    private List<ConfigSchemas.Problem> pluginProblems(Connection c, Checked candidate) throws SQLException {
        // the merchant is reconfiguring: an open breaker (tripped under the old config, say) must not refuse the check
        guard.resetBreakers(candidate.storeId());
        List<ConfigProblem> found = new ArrayList<>();
        for (String name : candidate.descriptor().extensionPoints()) {
            points.type(name).ifPresent(point -> candidate.ask(point, extension -> extension.validate(candidate.config()))
                    .ifPresent(found::addAll));
        }
        for (EnableCheck check : checks) {
            found.addAll(check.check(c, candidate));
        }
        return found.stream().map(p -> new ConfigSchemas.Problem(p.path(), p.message())).toList();
    }

    /** The plugin being enabled, answering an {@link EnableCheck}'s questions under its guard. */
    private final class Checked implements Candidate {
        private final String storeId;
        private final PluginDescriptor descriptor;
        private final LoadedPlugin plugin;
        private final PluginConfig config;

        Checked(String storeId, PluginDescriptor descriptor, LoadedPlugin plugin, PluginConfig config) {
            this.storeId = storeId;
            this.descriptor = descriptor;
            this.plugin = plugin;
            this.config = config;
        }

        @Override
        public String storeId() {
            return storeId;
        }

        @Override
        public PluginDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public PluginConfig config() {
            return config;
        }

        @Override
        public <T extends MallkitExtension, R> Optional<R> ask(Class<T> point, Function<T, R> question) {
            if (!descriptor.extensionPoints().contains(point.getSimpleName())) {
                return Optional.empty();
            }
            return plugin.extension(point).map(extension -> guard.call(new GuardKey(descriptor.id(), descriptor.version(), storeId),
                    budgets.of(plugin), () -> question.apply(extension)));
        }
    }
}
