package dev.berth.planner.bench;

import dev.berth.planner.Sha256;
import dev.berth.planner.placement.BinpackRanker;
import dev.berth.planner.placement.CapacityFilter;
import dev.berth.planner.placement.ClusterLedger;
import dev.berth.planner.placement.HostAttributes;
import dev.berth.planner.placement.HostCapacity;
import dev.berth.planner.placement.MemberOfFilter;
import dev.berth.planner.placement.PlacementResult;
import dev.berth.planner.placement.ReachableHostFilter;
import dev.berth.planner.placement.SpreadRanker;
import dev.berth.planner.placement.TaskAsk;
import dev.berth.planner.placement.TaskPlacer;
import dev.berth.schema.expression.ClusterQueryParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Places 10,000 tasks on 500 hosts with spread(attribute:zone) then binpack(memory) and a memberOf
 * constraint that rules out a fifth of the hosts, and prints the median and p90 of 20 timed runs
 * after a warm-up. Not a unit test (timings on a shared machine are noise): run it by hand, the
 * command is in the planner's report. Target: median under 200 ms. It fails unless the hosts
 * chosen, in order, are the ones recorded here ({@link #EXPECTED_DIGEST}): faster placement must
 * place as before.
 */
public final class PlacementBenchmark {
    private static final int HOSTS = 500;
    private static final int TASKS = 10_000;
    private static final String[] ZONES = {"a", "b", "c"};
    private static final int WARMUP_RUNS = 10;
    private static final int TIMED_RUNS = 20;
    private static final String QUERY = "attribute:tier != batch";
    /** SHA-256 of the chosen hosts, one a line: change it only with a change meant to place differently. */
    private static final String EXPECTED_DIGEST = "f7a8094c186490f4419212a5efc23f0ebf3ef6282fc3202a6396d0530bfbbebb";

    private PlacementBenchmark() {
    }

    public static void main(String[] args) {
        List<HostCapacity> hosts = hosts();
        TaskPlacer placer = new TaskPlacer(
                List.of(new ReachableHostFilter(), new MemberOfFilter(ClusterQueryParser.parse(QUERY), QUERY),
                        new CapacityFilter()),
                List.of(new SpreadRanker("zone"), new BinpackRanker(BinpackRanker.Resource.memory)));
        TaskAsk ask = new TaskAsk("web", 256, 1024);

        PlacementResult result = null;
        for (int i = 0; i < WARMUP_RUNS; i++) {
            result = placer.place(ask, TASKS, new ClusterLedger(hosts));
        }
        long[] millis = new long[TIMED_RUNS];
        for (int i = 0; i < TIMED_RUNS; i++) {
            ClusterLedger ledger = new ClusterLedger(hosts);
            long start = System.nanoTime();
            result = placer.place(ask, TASKS, ledger);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("placed %d of %d tasks on %d hosts (%d unplaced)%n", result.hosts().size(), TASKS, HOSTS,
                result.unplaced());
        System.out.printf("median %d ms, p90 %d ms, min %d ms, max %d ms over %d runs%n", millis[TIMED_RUNS / 2],
                millis[(int) Math.ceil(TIMED_RUNS * 0.9) - 1], millis[0], millis[TIMED_RUNS - 1], TIMED_RUNS);
        String digest = Sha256.hex(String.join("\n", result.hosts()));
        if (!digest.equals(EXPECTED_DIGEST)) {
            System.out.printf("FAILED: the placement's digest is %s, recorded %s: tasks went elsewhere%n", digest,
                    EXPECTED_DIGEST);
            System.exit(1);
        }
        System.out.println("placement digest " + digest + " as recorded");
    }

    /** 500 hosts of 16 CPUs and 32 GiB over three zones; every fifth runs batch work and is excluded. */
    private static List<HostCapacity> hosts() {
        List<HostCapacity> hosts = new ArrayList<>(HOSTS);
        for (int i = 0; i < HOSTS; i++) {
            String name = "host-" + i;
            TreeMap<String, String> attributes = new TreeMap<>();
            attributes.put("zone", ZONES[i % ZONES.length]);
            attributes.put("tier", i % 5 == 0 ? "batch" : "web");
            attributes.put(HostAttributes.INSTANCE_ID, name);
            hosts.add(new HostCapacity(name, true, attributes, 16 * 1024, 32 * 1024, 0, 0));
        }
        return hosts;
    }
}
