package dev.mallkit.host.store;

import dev.mallkit.host.plugins.PublishedVersion;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Where a feature's secret settings (the schema's {@code "x-secret": true} fields) change form: sealed in the
 * database, open in a store's snapshot and for the plugin's checks, masked in every answer, and kept when a form
 * sends the mask back unchanged.
 */
final class FeatureSecrets {
    private final SecretBox box;

    FeatureSecrets(SecretBox box) {
        this.box = box;
    }

    /** @return {@code stored} with its secrets opened, as the plugin sees it */
    JsonObject open(PublishedVersion version, JsonObject stored) {
        return ConfigSchemas.mapSecrets(version.descriptor().configSchema(), stored, v -> SecretBox.sealed(v) ? box.open((String) v) : v);
    }

    /** @return {@code config} with its secrets sealed, as the database keeps it */
    JsonObject seal(String schema, JsonObject config) {
        return ConfigSchemas.mapSecrets(schema, config, v -> box.seal(String.valueOf(v)));
    }

    /** @return {@code stored} with its secrets masked, as an answer shows it */
    static JsonObject mask(String schema, JsonObject stored) {
        return ConfigSchemas.mapSecrets(schema, stored, v -> ConfigSchemas.MASK);
    }

    /** @return {@code incoming} with each masked field replaced by the stored secret: a form sends "******" back unchanged */
    static JsonObject keepMasked(String schema, JsonObject incoming, Optional<JsonObject> previous) {
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
}
