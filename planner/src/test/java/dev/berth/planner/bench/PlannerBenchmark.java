package dev.berth.planner.bench;

import dev.berth.planner.Planner;
import dev.berth.planner.Sha256;
import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.fixtures.Stacks;
import dev.berth.planner.network.NetworkNames;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedNetwork;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.planner.plan.Plan;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.PlacementConstraint;
import dev.berth.schema.model.PlacementStrategy;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Plans a large stack against a drifted state and prints timings and heap. Not a unit test: run it
 * by hand ({@code scripts/bench-planner}, which caps the heap to prove the memory bound).
 * <p>
 * Every tenth service is drifted, in turn: a new image (all its tasks outdated), one task exited,
 * one task beyond desiredCount. Two sizes: the default, 2,000 services of 5 tasks (10,000 tasks)
 * on 50 hosts; and {@code -Dberth.bench.size=ecs}, ECS's limits for one cluster: 5,000 services of
 * 10 tasks (50,000 tasks) on 5,000 hosts in three zones, every service placed by spread over zones
 * then binpack on memory, with a memberOf constraint that rules out every fifth host.
 * <p>
 * It fails unless the plan's digest (SHA-256 of its canonical JSON, every placement decision
 * included) is the one recorded here: a change that makes planning faster must leave the plan as
 * it was. Record a new digest only with a change meant to plan differently.
 */
public record PlannerBenchmark(int services, int tasksPerService, int hosts, boolean placementRules,
                               String expectedDigest) {
    private static final int WARMUP_RUNS = 10;
    private static final int TIMED_RUNS = 20;
    private static final String[] ZONES = {"a", "b", "c"};
    private static final String MEMBER_OF = "attribute:tier != batch";

    public static void main(String[] args) {
        PlannerBenchmark size = "ecs".equals(System.getProperty("berth.bench.size"))
                ? new PlannerBenchmark(5_000, 10, 5_000, true,
                        "c066b5a7873aca6230682e8d5a27a8beac098b0d4c7527a0df515269c7251014")
                : new PlannerBenchmark(2_000, 5, 50, false,
                        "6c2cf10115f817226ef0aadcd4cf950053f8cec724123b90415c49d3f7f06839");
        size.run();
    }

    private void run() {
        Stack stack = stack();
        ObservedState observed = observed(stack);

        Plan plan = null;
        for (int i = 0; i < WARMUP_RUNS; i++) {
            plan = Planner.plan(stack, observed);
        }
        // CPU time beside wall time: on a shared machine the wall time also counts waiting for a core.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] millis = new long[TIMED_RUNS];
        long[] cpuMillis = new long[TIMED_RUNS];
        for (int i = 0; i < TIMED_RUNS; i++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            plan = Planner.plan(stack, observed);
            cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        Arrays.sort(cpuMillis);
        System.gc();
        long heapMiB = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);

        System.out.printf("services %d, tasks %d, hosts %d%s: %s, %d problems%n", services, observed.tasks().size(),
                hosts, placementRules ? " (spread zone, binpack memory, memberOf)" : "", plan.summary(),
                plan.problems().size());
        System.out.printf("plan median %d ms, p90 %d ms, min %d ms, max %d ms over %d runs; heap used after GC %d MiB"
                        + " (max %d MiB)%n", millis[TIMED_RUNS / 2], millis[(int) Math.ceil(TIMED_RUNS * 0.9) - 1],
                millis[0], millis[TIMED_RUNS - 1], TIMED_RUNS, heapMiB, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf("CPU time per plan median %d ms, p90 %d ms%n", cpuMillis[TIMED_RUNS / 2],
                cpuMillis[(int) Math.ceil(TIMED_RUNS * 0.9) - 1]);
        String digest = Sha256.hex(CanonicalJson.write(plan));
        if (!digest.equals(expectedDigest)) {
            System.out.printf("FAILED: the plan's digest is %s, recorded %s: the plan is not the one it was%n",
                    digest, expectedDigest);
            System.exit(1);
        }
        System.out.println("plan digest " + digest + " as recorded");
    }

    private static String service(int i) {
        return "svc-" + i;
    }

    private static String host(int i) {
        return "h" + i;
    }

    private static boolean drifted(int i) {
        return i % 10 == 0;
    }

    private static TaskDefinition definition(int i, int version) {
        return Stacks.definition("example/" + service(i) + ":" + version, 64, 128,
                List.of(new KeyValuePair("SERVICE", service(i)), new KeyValuePair("LOG_LEVEL", "info")), List.of());
    }

    private Host stackHost(int h) {
        if (!placementRules) {
            return Stacks.host(host(h));
        }
        Host plain = Stacks.host(host(h));
        return new Host(plain.name(), plain.endpoint(),
                Map.of("zone", ZONES[h % ZONES.length], "tier", h % 5 == 0 ? "batch" : "web"), plain.reserved(),
                plain.address(), plain.context());
    }

    private Service stackService(int i) {
        Service plain = Stacks.service(service(i), tasksPerService);
        if (!placementRules) {
            return plain;
        }
        return new Service(plain.cluster(), plain.taskDefinition(), plain.desiredCount(), plain.launchType(), null,
                plain.deploymentConfiguration(), plain.healthCheckGracePeriodSeconds(),
                List.of(new PlacementStrategy(PlacementStrategy.Type.spread, "attribute:zone"),
                        new PlacementStrategy(PlacementStrategy.Type.binpack, "memory")),
                List.of(new PlacementConstraint(PlacementConstraint.Type.memberOf, MEMBER_OF)), List.of(), null, null, plain.dependsOn());
    }

    private Stack stack() {
        List<Host> clusterHosts = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            clusterHosts.add(stackHost(h));
        }
        Stacks.Builder builder = Stacks.stack().cluster(Stacks.CLUSTER, clusterHosts.toArray(Host[]::new));
        for (int i = 0; i < services; i++) {
            boolean newImage = drifted(i) && i % 30 == 0;
            builder.taskDefinition(service(i), definition(i, newImage ? 2 : 1)).service(service(i), stackService(i));
        }
        return builder.build();
    }

    /** Tasks go round the hosts that memberOf allows, as a placement by these rules would have left them. */
    private ObservedState observed(Stack stack) {
        List<ObservedHost> observedHosts = new ArrayList<>();
        List<ObservedNetwork> networks = new ArrayList<>();
        List<Integer> eligible = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            observedHosts.add(Observed.host(host(h), 16, 64));
            networks.add(new ObservedNetwork(host(h), "net-" + h, NetworkNames.stack(Stacks.STACK), null));
            if (!placementRules || h % 5 != 0) {
                eligible.add(h);
            }
        }
        List<RevisionRecord> revisions = new ArrayList<>();
        List<ObservedTask> tasks = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            TaskDefinition first = definition(i, 1);
            String hash = ContentHash.of(first);
            revisions.add(new RevisionRecord(service(i), 1, hash, CanonicalJson.write(first), Instant.EPOCH));
            boolean extraTask = drifted(i) && i % 30 == 20;
            for (int k = 0; k < tasksPerService + (extraTask ? 1 : 0); k++) {
                boolean exited = drifted(i) && i % 30 == 10 && k == 0;
                String taskId = service(i) + "-1-" + k;
                Map<String, String> labels = Map.of(BerthLabels.STACK, Stacks.STACK, BerthLabels.SERVICE, service(i),
                        BerthLabels.FAMILY, service(i), BerthLabels.TASK, taskId, BerthLabels.SPEC_HASH, hash);
                ObservedContainer app = new ObservedContainer("c-" + taskId, taskId + "-app", "app",
                        exited ? "exited" : "running", null, exited ? 137 : null, labels, List.of(), null);
                int h = eligible.get((i * tasksPerService + k) % eligible.size());
                tasks.add(new ObservedTask(taskId, Stacks.CLUSTER, host(h), service(i), service(i), 1, hash,
                        List.of(app)));
            }
        }
        return new ObservedState(stack.stack(), observedHosts, tasks, revisions, networks, List.of());
    }
}
