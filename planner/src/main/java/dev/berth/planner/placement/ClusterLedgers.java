package dev.berth.planner.placement;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.revision.DesiredRevision;
import dev.berth.planner.revision.ResolvedRevisions;
import dev.berth.planner.revision.RevisionHistory;
import dev.berth.planner.revision.RevisionResolver;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A ledger per cluster as the hosts stand now: every observed host, declared ones in declaration
 * order and undeclared ones after by name, holding the resources of the stack's running tasks on
 * the hosts that answered.
 */
public final class ClusterLedgers {
    /** Stands in for a task whose revision is not recorded: it holds no known resources. */
    private static final TaskDefinition UNKNOWN_DEFINITION =
            new TaskDefinition(null, null, null, null, null, null, null, null, null, null);

    private ClusterLedgers() {
    }

    /** For a reader that has not resolved the stack's revisions. */
    public static Map<String, ClusterLedger> of(Stack stack, ObservedState observed) {
        RevisionHistory history = new RevisionHistory(observed.revisions());
        return of(stack, observed, new RevisionResolver(history).resolve(stack, List.of()), history);
    }

    /** Keyed by cluster name, sorted. */
    public static Map<String, ClusterLedger> of(Stack stack, ObservedState observed, ResolvedRevisions revisions,
                                                RevisionHistory history) {
        Map<String, ClusterLedger> ledgers = new TreeMap<>();
        observed.hosts().stream()
                .collect(Collectors.groupingBy(ObservedHost::cluster))
                .forEach((cluster, hosts) -> ledgers.put(cluster, ledger(stack.clusters().get(cluster), hosts)));
        Set<String> reachable = observed.hosts().stream().filter(ObservedHost::reachable).map(ObservedHost::name)
                .collect(Collectors.toSet());
        for (ObservedTask task : observed.tasks()) {
            ClusterLedger ledger = ledgers.get(task.cluster());
            if (ledger != null && task.running() && reachable.contains(task.host())) {
                TaskAsk held = TaskAsk.of(task.service(), definitionOf(task, revisions, history));
                // The engine lists no ports for networkMode host: the definition names those.
                Set<String> ports = new TreeSet<>(held.hostPorts());
                ports.addAll(task.hostPorts());
                ledger.occupy(task.host(), held.holding(ports), task.taskId());
            }
        }
        return ledgers;
    }

    private static ClusterLedger ledger(Cluster declaredCluster, List<ObservedHost> hosts) {
        List<Host> declared = declaredCluster == null ? List.of() : declaredCluster.hosts();
        Map<String, Host> byName = new HashMap<>();
        Map<String, Integer> order = new HashMap<>();
        for (Host host : declared) {
            byName.put(host.name(), host);
            order.put(host.name(), order.size());
        }
        return new ClusterLedger(hosts.stream()
                .sorted(Comparator.<ObservedHost>comparingInt(h -> order.getOrDefault(h.name(), Integer.MAX_VALUE))
                        .thenComparing(ObservedHost::name))
                .map(h -> HostCapacity.of(h, byName.get(h.name())))
                .toList());
    }

    /** The definition a running task was started from, for the resources it holds; empty when unknown. */
    private static TaskDefinition definitionOf(ObservedTask task, ResolvedRevisions revisions, RevisionHistory history) {
        DesiredRevision desired = revisions.families().get(task.family());
        if (desired != null && desired.specHash().equals(task.specHash())) {
            return desired.definition();
        }
        return history.withHash(task.family(), task.specHash()).map(history::definition)
                .orElse(UNKNOWN_DEFINITION);
    }
}
