package dev.mallkit.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compact maps and lists {@link PluginConfig} holds against what v1 held (an unmodifiable
 * {@code LinkedHashMap}/{@code ArrayList} deep copy, rebuilt here as the reference) on random configs.
 */
class PluginConfigContractTest {
    private static final String[] NAMES = {"sku", "title", "priceMinor", "currency", "appid", "path", "a", "b", "c", "d", "e",
            "f", "g", "h", "i", "j", "k", "l", "m", "n", "1", "null", ""};

    @Test
    void randomConfigsBehaveAsTheirLinkedHashMapCopies() {
        Random random = new Random(20261121);
        for (int round = 0; round < 2_000; round++) {
            Map<String, Object> source = randomObject(random, 3);
            Map<String, Object> reference = referenceCopy(source);
            Map<String, Object> compact = PluginConfig.of(source).asMap();
            assertSameMap(compact, reference);
        }
    }

    @Test
    void configsWithTheSameKeysShareOneKeyArray() {
        Map<String, Object> one = PluginConfig.of(Map.of("appid", "wx1", "path", "a")).asMap();
        Map<String, Object> two = PluginConfig.of(new LinkedHashMap<>(one)).asMap();
        Map<String, Object> wide = PluginConfig.of(objectOf(IntStream.range(0, 20).boxed().toList())).asMap();
        Map<String, Object> wideToo = PluginConfig.of(objectOf(IntStream.range(0, 20).boxed().toList())).asMap();

        assertThat(((ConfigMap) two).keys()).isSameAs(((ConfigMap) one).keys());
        assertThat(((ConfigMap) wideToo).keys()).isSameAs(((ConfigMap) wide).keys());
        assertThat(wide.get("19")).isEqualTo(19L);
        assertThat(wide.get("20")).isNull();
    }

    @Test
    void sharedShapesStopAtTheirCapacityAndLaterOnesStillWork() {
        List<PluginConfig> held = new ArrayList<>();
        for (int i = 0; i < ConfigKeys.CAPACITY + 100; i++) {
            held.add(PluginConfig.of(Map.of("shape-" + i, i)));
        }
        assertThat(ConfigKeys.sharedCount()).isLessThanOrEqualTo(ConfigKeys.CAPACITY);
        assertThat(held.getLast().getLong("shape-" + (ConfigKeys.CAPACITY + 99), -1)).isEqualTo(ConfigKeys.CAPACITY + 99);
    }

    @Test
    void keysThatPrintAlikeKeepTheFirstPositionAndTheLastValue() {
        Map<Object, Object> source = new LinkedHashMap<>();
        source.put(1, "number");
        source.put("x", true);
        source.put("1", "text");
        source.put(null, 7);
        source.put("null", 8);

        Map<String, Object> copy = PluginConfig.of(unchecked(source)).asMap();

        assertThat(copy).containsExactly(Map.entry("1", "text"), Map.entry("x", true), Map.entry("null", 8L));
        assertSameMap(copy, referenceCopy(unchecked(source)));
    }

    @Test
    void nullAndForeignKeysAreAbsentRatherThanErrors() {
        PluginConfig config = PluginConfig.of(Map.of("a", 1));
        assertThat(config.has(null)).isFalse();
        assertThat(config.asMap().get(null)).isNull();
        assertThat(config.asMap().get(1)).isNull();
        assertThat(config.asMap().containsKey(null)).isFalse();
        assertThat(PluginConfig.empty().has(null)).isFalse();
        assertThat(PluginConfig.empty().asMap()).isEqualTo(Map.of()).hasSameHashCodeAs(Map.of());
    }

    @Test
    void leavesAreNormalisedAndImmutableValuesAreNotCopiedTwice() {
        PluginConfig config = PluginConfig.of(Map.of("int", 3, "short", (short) 4, "float", 1.5f, "list", List.of(1, "x")));
        assertThat(config.asMap().get("int")).isEqualTo(3L);
        assertThat(config.asMap().get("short")).isEqualTo(4L);
        assertThat(config.asMap().get("float")).isEqualTo(1.5d);
        assertThat(config.getList("list")).containsExactly(1L, "x");
        assertThat(PluginConfig.of(config.asMap()).asMap()).isSameAs(config.asMap());
        assertThat(PluginConfig.of(config.asMap())).isEqualTo(config).hasSameHashCodeAs(config);
        assertThat(config.toString()).isEqualTo("PluginConfig" + config.asMap());
    }

    @Test
    void accessorsReadTheCompactValues() {
        PluginConfig config = PluginConfig.of(Map.of("n", 42, "flag", "true", "name", "Acme", "nested", Map.of("k", 2),
                "items", List.of(Map.of("sku", "S1"))));
        assertThat(config.getLong("n", 0)).isEqualTo(42);
        assertThat(config.getInt("missing", 5)).isEqualTo(5);
        assertThat(config.getBoolean("flag", false)).isTrue();
        assertThat(config.getString("name", "")).isEqualTo("Acme");
        assertThat(config.getObject("nested").getLong("k", 0)).isEqualTo(2);
        assertThat(config.getObject("name")).isEqualTo(PluginConfig.empty());
        assertThat(config.getList("items")).containsExactly(Map.of("sku", "S1"));
        assertThat(config.getList("name")).isEmpty();
    }

    static void assertSameMap(Map<String, Object> compact, Map<String, Object> reference) {
        assertThat(compact).isEqualTo(reference);
        assertThat(reference).isEqualTo(compact);
        assertThat(compact.hashCode()).isEqualTo(reference.hashCode());
        assertThat(compact.toString()).isEqualTo(reference.toString());
        assertThat(compact.size()).isEqualTo(reference.size());
        assertThat(compact.isEmpty()).isEqualTo(reference.isEmpty());
        assertThat(new ArrayList<>(compact.keySet())).isEqualTo(new ArrayList<>(reference.keySet()));
        assertThat(new ArrayList<>(compact.values())).isEqualTo(new ArrayList<>(reference.values()));
        assertThat(new ArrayList<>(compact.entrySet())).isEqualTo(new ArrayList<>(reference.entrySet()));
        assertThat(compact.keySet()).isEqualTo(reference.keySet()).hasSameHashCodeAs(reference.keySet());
        assertThat(compact.entrySet()).isEqualTo(reference.entrySet()).hasSameHashCodeAs(reference.entrySet());
        List<String> probes = new ArrayList<>(Arrays.asList(NAMES));
        probes.add("absent");
        for (String key : probes) {
            assertThat(compact.get(key)).isEqualTo(reference.get(key));
            assertThat(compact.containsKey(key)).isEqualTo(reference.containsKey(key));
            assertThat(compact.getOrDefault(key, "fallback")).isEqualTo(reference.getOrDefault(key, "fallback"));
        }
        for (Object value : reference.values()) {
            assertThat(compact.containsValue(value)).isTrue();
            if (value instanceof Map<?, ?> map) {
                assertSameMap(unchecked(compact.get(keyOf(reference, value))), unchecked(map));
            } else if (value instanceof List<?> list) {
                assertSameList((List<?>) compact.get(keyOf(reference, value)), list);
            }
        }
        assertThat(compact.containsValue("never")).isFalse();
        Map<String, Object> altered = new LinkedHashMap<>(reference);
        altered.put("absent", 1L);
        assertThat(compact).isNotEqualTo(altered);
    }

    static void assertSameList(List<?> compact, List<?> reference) {
        assertThat(compact).isEqualTo(reference);
        assertThat(reference).isEqualTo(compact);
        assertThat(compact.hashCode()).isEqualTo(reference.hashCode());
        assertThat(compact.toString()).isEqualTo(reference.toString());
        assertThat(compact.toArray()).isEqualTo(reference.toArray());
        for (int i = 0; i < reference.size(); i++) {
            assertThat(compact.get(i)).isEqualTo(reference.get(i));
            assertThat(compact.indexOf(reference.get(i))).isEqualTo(reference.indexOf(reference.get(i)));
            assertThat(compact.lastIndexOf(reference.get(i))).isEqualTo(reference.lastIndexOf(reference.get(i)));
            assertThat(compact.subList(i, reference.size())).isEqualTo(reference.subList(i, reference.size()));
        }
        assertThat(compact.contains(null)).isEqualTo(reference.contains(null));
        List<Object> reversed = new ArrayList<>();
        for (var it = compact.listIterator(compact.size()); it.hasPrevious(); ) {
            reversed.add(it.previous());
        }
        assertThat(reversed).isEqualTo(reference.reversed());
    }

    private static String keyOf(Map<String, Object> map, Object value) {
        return map.entrySet().stream().filter(e -> e.getValue() == value).findFirst().orElseThrow().getKey();
    }

    /** What v1's {@code PluginConfig.of} built. */
    static Object referenceValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), referenceValue(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(referenceValue(v)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return value instanceof Float f ? f.doubleValue() : value;
    }

    private static Map<String, Object> referenceCopy(Map<String, Object> source) {
        return unchecked(referenceValue(source));
    }

    private static Map<String, Object> randomObject(Random random, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        int size = random.nextInt(5) == 0 ? 9 + random.nextInt(12) : random.nextInt(6);
        for (int i = 0; i < size; i++) {
            out.put(NAMES[random.nextInt(NAMES.length)], randomValue(random, depth));
        }
        return out;
    }

    private static Object randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 6)) {
            case 0 -> null;
            case 1 -> random.nextInt(1000);
            case 2 -> random.nextLong();
            case 3 -> random.nextInt(3) / 2.0;
            case 4 -> random.nextBoolean();
            case 5 -> "v" + random.nextInt(4);
            case 6, 7 -> randomObject(random, depth - 1);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth - 1));
                }
                yield list;
            }
        };
    }

    private static Map<String, Object> objectOf(List<Integer> numbers) {
        Map<String, Object> out = new LinkedHashMap<>();
        numbers.forEach(n -> out.put(String.valueOf(n), n));
        return out;
    }

    @SuppressWarnings("unchecked")
    static <T> T unchecked(Object value) {
        return (T) value;
    }
}
