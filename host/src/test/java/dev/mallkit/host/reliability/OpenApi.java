package dev.mallkit.host.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static java.util.Objects.requireNonNull;

/**
 * The operations of the host's /openapi.yaml, parsed, with {@code $ref}s resolved: the source the
 * reliability matrices are generated from, so a route added to the document is covered without a test edit.
 */
final class OpenApi {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

    private final Map<String, Object> root;

    private OpenApi(Map<String, Object> root) {
        this.root = root;
    }

    /** One documented operation. */
    record Operation(String method, String path, Set<String> roles, boolean open, Map<String, Object> body,
                     List<String> pathParams, List<String> requiredQuery) {
        Operation {
            requireNonNull(method, "method is null");
            requireNonNull(path, "path is null");
            roles = Set.copyOf(roles);
            pathParams = List.copyOf(pathParams);
            requiredQuery = List.copyOf(requiredQuery);
        }

        /** @return whether the path names a store, so a call is within one tenant's scope */
        boolean storeScoped() {
            return pathParams.contains("store");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Parses the document the host serves (the same resource). */
    static OpenApi load() {
        try (InputStream in = OpenApi.class.getResourceAsStream("/openapi.yaml")) {
            requireNonNull(in, "openapi.yaml is not on the class path");
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static OpenApi parse(String yaml) {
        return new OpenApi((Map<String, Object>) new Yaml(new LoaderOptions()).load(yaml));
    }

    /** @return every operation, in document order */
    @SuppressWarnings("unchecked")
    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) root.get("paths");
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, raw) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> op = (Map<String, Object>) raw;
            List<String> roles = (List<String>) op.getOrDefault("x-roles", List.of());
            boolean open = op.get("security") instanceof List<?> security && security.isEmpty();
            if (!open && roles.isEmpty()) {
                throw new IllegalStateException(method + " " + path + " has neither security: [] nor x-roles");
            }
            List<String> pathParams = new ArrayList<>();
            Matcher m = PARAM.matcher(path);
            while (m.find()) {
                pathParams.add(m.group(1));
            }
            List<String> query = new ArrayList<>();
            for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
                Map<String, Object> param = resolve(p);
                if ("query".equals(param.get("in")) && Boolean.TRUE.equals(param.get("required"))) {
                    query.add((String) param.get("name"));
                }
            }
            operations.add(new Operation(method.toUpperCase(), path, new TreeSet<>(roles), open, requestSchema(op), pathParams, query));
        }));
        return operations;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> requestSchema(Map<String, Object> op) {
        Object body = op.get("requestBody");
        if (body == null) {
            return null;
        }
        Map<String, Object> content = (Map<String, Object>) resolve(body).get("content");
        Map<String, Object> json = content == null ? null : (Map<String, Object>) content.get("application/json");
        return json == null || json.get("schema") == null ? null : deref(json.get("schema"));
    }

    /** @return {@code node} with every {@code $ref} (at any depth) replaced by its target */
    @SuppressWarnings("unchecked")
    Map<String, Object> deref(Object node) {
        Map<String, Object> resolved = new LinkedHashMap<>(resolve(node));
        resolved.replaceAll((k, v) -> {
            if (v instanceof Map<?, ?> map) {
                return deref(map);
            }
            if (v instanceof List<?> list) {
                return list.stream().map(e -> e instanceof Map<?, ?> map ? (Object) deref(map) : e).toList();
            }
            return v;
        });
        return resolved;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Object node) {
        Map<String, Object> map = (Map<String, Object>) node;
        Object ref = map.get("$ref");
        if (!(ref instanceof String target)) {
            return map;
        }
        Object current = root;
        for (String part : target.substring(2).split("/")) {
            current = ((Map<String, Object>) current).get(part);
            requireNonNull(current, "unresolved $ref " + target);
        }
        return resolve(current);
    }
}
