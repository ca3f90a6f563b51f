package dev.mallkit.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every way of changing a config's maps, lists, views, entries or iterators throws, as v1's unmodifiable copies did. */
class PluginConfigImmutabilityTest {
    private final PluginConfig config = PluginConfig.of(Map.of("a", 1, "list", List.of("x", "y"), "empty", Map.of()));

    @Test
    void mapMutatorsThrowEvenWhenTheyWouldChangeNothing() {
        for (Map<String, Object> map : List.of(config.asMap(), config.getObject("empty").asMap(), PluginConfig.empty().asMap())) {
            throwsOn(map, m -> m.put("a", 1L));
            throwsOn(map, m -> m.remove("absent"));
            throwsOn(map, m -> m.remove("absent", 1));
            throwsOn(map, m -> m.putAll(Map.of()));
            throwsOn(map, Map::clear);
            throwsOn(map, m -> m.replaceAll((k, v) -> v));
            throwsOn(map, m -> m.putIfAbsent("a", 1L));
            throwsOn(map, m -> m.replace("absent", 1));
            throwsOn(map, m -> m.replace("absent", 1, 2));
            throwsOn(map, m -> m.computeIfAbsent("a", k -> 1L));
            throwsOn(map, m -> m.computeIfPresent("absent", (k, v) -> v));
            throwsOn(map, m -> m.compute("a", (k, v) -> v));
            throwsOn(map, m -> m.merge("a", 1L, (x, y) -> x));
            viewThrows(map.keySet());
            viewThrows(map.values());
            viewThrows(map.entrySet());
        }
    }

    @Test
    void entriesAndIteratorsRefuseChanges() {
        Map.Entry<String, Object> entry = config.asMap().entrySet().iterator().next();
        throwsOn(entry, e -> e.setValue(2L));
        throwsOn(config.asMap().keySet().iterator(), it -> {
            it.next();
            it.remove();
        });
        throwsOn(config.getList("list").listIterator(), it -> {
            it.next();
            it.set("z");
        });
        throwsOn(config.getList("list").listIterator(), it -> it.add("z"));
    }

    @Test
    void listMutatorsThrowEvenWhenTheyWouldChangeNothing() {
        for (List<Object> list : List.of(config.getList("list"), config.getList("list").subList(0, 0), config.getList("list").subList(0, 1))) {
            throwsOn(list, l -> l.set(0, "x"));
            throwsOn(list, l -> l.add(0, "x"));
            throwsOn(list, l -> l.remove(0));
            throwsOn(list, l -> l.addAll(0, List.of()));
            throwsOn(list, l -> l.replaceAll(v -> v));
            throwsOn(list, l -> l.sort(null));
            viewThrows(list);
        }
    }

    private static void viewThrows(Collection<?> view) {
        throwsOn(view, v -> v.add(null));
        throwsOn(view, v -> v.addAll(List.of()));
        throwsOn(view, v -> v.remove("absent"));
        throwsOn(view, v -> v.removeAll(List.of()));
        throwsOn(view, v -> v.retainAll(List.copyOf(v)));
        throwsOn(view, v -> v.removeIf(x -> false));
        throwsOn(view, Collection::clear);
    }

    @SuppressWarnings("unchecked")
    private static <T> void throwsOn(T target, Consumer<T> change) {
        assertThatThrownBy(() -> change.accept(target)).isInstanceOf(UnsupportedOperationException.class);
    }
}
