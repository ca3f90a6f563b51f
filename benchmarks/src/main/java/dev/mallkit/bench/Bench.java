package dev.mallkit.bench;

import java.util.Arrays;

/**
 * Entry point of {@code ./mvnw -pl benchmarks exec:exec -Dbench=NAME [-Dbench.args="..."]}; see
 * docs/benchmarks.md for what each measures and its target.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (name) {
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            case "jump-targets" -> JumpTargetsLoad.run(rest);
            case "order-events" -> OrderEventsLoad.run(rest);
            case "footprint" -> SnapshotFootprint.run(rest);
            case "cold-start" -> ColdStart.run(rest);
            case "host-process" -> ColdStart.hostProcess(rest[0], rest[1]);
            case "install-cycles" -> InstallCycles.run(rest);
            default -> System.out.println("""
                    usage: Bench NAME [ARGS]
                      jmh [JMH options]     DispatchBenchmark, JsVsJavaBenchmark (e.g. jmh Dispatch)
                      jump-targets [connections] [warm-up s] [measured s]
                      order-events [connections] [warm-up s] [measured s]   (MariaDB: eval "$(.ci/mariadb start)")
                      footprint [stores] [cold samples] [shared fraction]
                      cold-start [restarts]
                      install-cycles [cycles] [warm-up cycles]""");
        }
        if (!name.equals("jmh") && !name.equals("host-process")) {
            // Vert.x and pool threads of closed hosts may linger; the figures are printed
            System.exit(0);
        }
    }
}
