package dev.berth.planner.bench;

import dev.berth.planner.Planner;
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
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Plans a large stack against a drifted state and prints timings and heap. Not a unit test: run it
 * by hand (the command is in the planner's report) with {@code -Xmx512m} to prove the memory bound.
 * <p>
 * 2,000 services of 5 tasks (10,000 tasks) on 50 hosts; every tenth service drifted, in turn: a
 * new image (5 outdated tasks), one task exited, one task beyond desiredCount.
 */
public final class PlannerBenchmark {
    private static final int SERVICES = 2_000;
    private static final int TASKS_PER_SERVICE = 5;
    private static final int HOSTS = 50;
    private static final int WARMUP_RUNS = 10;
    private static final int TIMED_RUNS = 20;

    private PlannerBenchmark() {
    }

    public static void main(String[] args) {
        Stack stack = stack();
        ObservedState observed = observed(stack);

        Plan plan = null;
        for (int i = 0; i < WARMUP_RUNS; i++) {
            plan = Planner.plan(stack, observed);
        }
        long[] millis = new long[TIMED_RUNS];
        for (int i = 0; i < TIMED_RUNS; i++) {
            long start = System.nanoTime();
            plan = Planner.plan(stack, observed);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.gc();
        long heapMiB = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);

        System.out.printf("services %d, tasks %d, hosts %d: %s, %d problems%n", SERVICES, observed.tasks().size(),
                HOSTS, plan.summary(), plan.problems().size());
        System.out.printf("plan median %d ms, p90 %d ms over %d runs; heap used after GC %d MiB (max %d MiB)%n",
                millis[TIMED_RUNS / 2], millis[(int) Math.ceil(TIMED_RUNS * 0.9) - 1], TIMED_RUNS, heapMiB,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
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

    private static Stack stack() {
        List<Host> hosts = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            hosts.add(Stacks.host(host(h)));
        }
        Stacks.Builder builder = Stacks.stack().cluster(Stacks.CLUSTER, hosts.toArray(Host[]::new));
        for (int i = 0; i < SERVICES; i++) {
            boolean newImage = drifted(i) && i % 30 == 0;
            builder.taskDefinition(service(i), definition(i, newImage ? 2 : 1))
                    .service(service(i), Stacks.service(service(i), TASKS_PER_SERVICE));
        }
        return builder.build();
    }

    private static ObservedState observed(Stack stack) {
        List<ObservedHost> hosts = new ArrayList<>();
        List<ObservedNetwork> networks = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            hosts.add(Observed.host(host(h), 16, 64));
            networks.add(new ObservedNetwork(host(h), "net-" + h, NetworkNames.stack(Stacks.STACK), null));
        }
        List<RevisionRecord> revisions = new ArrayList<>();
        List<ObservedTask> tasks = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            TaskDefinition first = definition(i, 1);
            String hash = ContentHash.of(first);
            revisions.add(new RevisionRecord(service(i), 1, hash, CanonicalJson.write(first), Instant.EPOCH));
            boolean extraTask = drifted(i) && i % 30 == 20;
            for (int k = 0; k < TASKS_PER_SERVICE + (extraTask ? 1 : 0); k++) {
                boolean exited = drifted(i) && i % 30 == 10 && k == 0;
                String taskId = service(i) + "-1-" + k;
                Map<String, String> labels = Map.of(BerthLabels.STACK, Stacks.STACK, BerthLabels.SERVICE, service(i),
                        BerthLabels.FAMILY, service(i), BerthLabels.TASK, taskId, BerthLabels.SPEC_HASH, hash);
                ObservedContainer app = new ObservedContainer("c-" + taskId, taskId + "-app", "app",
                        exited ? "exited" : "running", null, exited ? 137 : null, labels, List.of(), null);
                tasks.add(new ObservedTask(taskId, Stacks.CLUSTER, host((i * TASKS_PER_SERVICE + k) % HOSTS),
                        service(i), service(i), 1, hash, List.of(app)));
            }
        }
        return new ObservedState(stack.stack(), hosts, tasks, revisions, networks, List.of());
    }
}
