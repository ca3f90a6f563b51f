package dev.mallkit.host.guard;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

import static java.util.Objects.requireNonNull;

/**
 * Call metrics per (plugin, version), written lock-free on the call path (LongAdder) and rendered in
 * the Prometheus text exposition format, every name prefixed {@code mallkit_plugin_}, labelled
 * {@code plugin} and {@code version}.
 */
public final class PluginMetrics {
    /** Upper bounds of the latency histogram buckets, in microseconds (the last bucket is +Inf). */
    static final long[] BUCKET_MICROS = {1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_500_000};

    private final Map<Id, Series> series = new ConcurrentHashMap<>();

    /** @return the series of one plugin version, created on first use */
    public Series series(String pluginId, String version) {
        return series.computeIfAbsent(new Id(pluginId, version), Series::new);
    }

    /** Drops a plugin version's series, e.g. when it is uninstalled everywhere. */
    public void forget(String pluginId, String version) {
        series.remove(new Id(pluginId, version));
    }

    /** @return every series in Prometheus text exposition format */
    public String render() {
        StringBuilder out = new StringBuilder();
        render(out);
        return out.toString();
    }

    /** Appends every series in Prometheus text exposition format (version 0.0.4). */
    public void render(StringBuilder out) {
        List<Series> all = series.values().stream().sorted(Comparator.comparing(Series::id)).toList();
        counter(out, all, "calls_total", "Plugin calls requested through the guard.", s -> s.calls.sum());
        counter(out, all, "errors_total", "Plugin calls that failed with anything but a user error.", s -> s.errors.sum());
        counter(out, all, "user_errors_total", "Plugin calls refused with a user error (not held against the plugin).", s -> s.userErrors.sum());
        counter(out, all, "timeouts_total", "Plugin calls that overran their time budget.", s -> s.timeouts.sum());
        header(out, "rejections_total", "Plugin calls refused without running, by reason.", "counter");
        for (Series s : all) {
            sample(out, "rejections_total", s.labels() + ",reason=\"bulkhead_full\"", s.bulkheadRejections.sum());
            sample(out, "rejections_total", s.labels() + ",reason=\"circuit_open\"", s.circuitRejections.sum());
        }
        header(out, "open_breakers", "Circuit breakers (one per store) currently open or half-open.", "gauge");
        all.forEach(s -> sample(out, "open_breakers", s.labels(), s.openBreakers.sum()));
        header(out, "call_duration_seconds", "Latency of plugin calls that ran, as seen by the caller.", "histogram");
        all.forEach(s -> s.renderHistogram(out));
    }

    private static void counter(StringBuilder out, List<Series> all, String name, String help, ToLongFunction<Series> value) {
        header(out, name, help, "counter");
        all.forEach(s -> sample(out, name, s.labels(), value.applyAsLong(s)));
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP mallkit_plugin_").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE mallkit_plugin_").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, Object value) {
        out.append("mallkit_plugin_").append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private record Id(String pluginId, String version) implements Comparable<Id> {
        Id {
            requireNonNull(pluginId, "pluginId is null");
            requireNonNull(version, "version is null");
        }

        @Override
        public int compareTo(Id other) {
            return Comparator.comparing(Id::pluginId).thenComparing(Id::version).compare(this, other);
        }
    }

    /** The counters of one plugin version. */
    public static final class Series {
        private final Id id;
        private final LongAdder calls = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final LongAdder userErrors = new LongAdder();
        private final LongAdder timeouts = new LongAdder();
        private final LongAdder bulkheadRejections = new LongAdder();
        private final LongAdder circuitRejections = new LongAdder();
        private final LongAdder openBreakers = new LongAdder();
        private final LongAdder[] buckets = new LongAdder[BUCKET_MICROS.length + 1];
        private final LongAdder sumNanos = new LongAdder();

        private Series(Id id) {
            this.id = id;
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        /** @return calls requested */
        public long calls() {
            return calls.sum();
        }

        /** @return calls that failed */
        public long errors() {
            return errors.sum();
        }

        /** @return calls that timed out */
        public long timeouts() {
            return timeouts.sum();
        }

        /** @return calls refused by a full bulkhead or an open breaker */
        public long rejections() {
            return bulkheadRejections.sum() + circuitRejections.sum();
        }

        /** @return breakers currently not closed */
        public long openBreakers() {
            return openBreakers.sum();
        }

        void called() {
            calls.increment();
        }

        void succeeded(long nanos) {
            observe(nanos);
        }

        void userError(long nanos) {
            userErrors.increment();
            observe(nanos);
        }

        void failed(long nanos) {
            errors.increment();
            observe(nanos);
        }

        void timedOut(long nanos) {
            timeouts.increment();
            observe(nanos);
        }

        void rejected(PluginUnavailableException.Reason reason) {
            (reason == PluginUnavailableException.Reason.BULKHEAD_FULL ? bulkheadRejections : circuitRejections).increment();
        }

        void breakerOpened() {
            openBreakers.increment();
        }

        void breakerClosed() {
            openBreakers.decrement();
        }

        private void observe(long nanos) {
            long micros = TimeUnit.NANOSECONDS.toMicros(nanos);
            int i = 0;
            while (i < BUCKET_MICROS.length && micros > BUCKET_MICROS[i]) {
                i++;
            }
            buckets[i].increment();
            sumNanos.add(nanos);
        }

        private Id id() {
            return id;
        }

        private String labels() {
            return "plugin=\"" + escape(id.pluginId()) + "\",version=\"" + escape(id.version()) + "\"";
        }

        private void renderHistogram(StringBuilder out) {
            long cumulative = 0;
            for (int i = 0; i < buckets.length; i++) {
                cumulative += buckets[i].sum();
                String le = i < BUCKET_MICROS.length ? Double.toString(BUCKET_MICROS[i] / 1_000_000.0) : "+Inf";
                sample(out, "call_duration_seconds_bucket", labels() + ",le=\"" + le + "\"", cumulative);
            }
            sample(out, "call_duration_seconds_sum", labels(), sumNanos.sum() / 1_000_000_000.0);
            sample(out, "call_duration_seconds_count", labels(), cumulative);
        }
    }
}
