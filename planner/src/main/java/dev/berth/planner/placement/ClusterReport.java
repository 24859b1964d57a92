package dev.berth.planner.placement;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.schema.model.Stack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code berth cluster} shows: every host of every cluster as placement sees it, capacity,
 * reservations, what the stack's running tasks hold and what is left, and the attributes
 * memberOf and spread match.
 *
 * @param clusters sorted by name
 */
public record ClusterReport(String stack, List<ClusterView> clusters) {
    public ClusterReport {
        clusters = List.copyOf(clusters);
    }

    public static ClusterReport of(Stack stack, ObservedState observed) {
        Map<String, ObservedHost> hosts = observed.hosts().stream()
                .collect(Collectors.toMap(h -> h.cluster() + "/" + h.name(), Function.identity(), (a, b) -> a));
        List<ClusterView> clusters = new ArrayList<>();
        ClusterLedgers.of(stack, observed).forEach((cluster, ledger) -> clusters.add(new ClusterView(cluster,
                ledger.loads().stream().map(load -> HostView.of(hosts.get(cluster + "/" + load.capacity().host()),
                        load)).toList())));
        return new ClusterReport(stack.stack(), clusters);
    }

    /** @param hosts in declaration order, undeclared ones after by name */
    public record ClusterView(String name, List<HostView> hosts) {
        public ClusterView {
            hosts = List.copyOf(hosts);
        }
    }

    /**
     * @param error      why the host did not answer (null when reachable)
     * @param cpu        CPU units (1024 per CPU)
     * @param memory     MiB
     * @param tasks      the stack's running tasks on the host
     * @param attributes user and built-in, sorted by name
     */
    public record HostView(String name, String endpoint, boolean reachable, String error, Usage cpu, Usage memory,
                           int tasks, SortedMap<String, String> attributes) {
        public HostView {
            attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        }

        static HostView of(ObservedHost observed, ClusterLedger.HostLoad load) {
            HostCapacity capacity = load.capacity();
            return new HostView(observed.name(), observed.endpoint(), observed.reachable(), observed.error(),
                    new Usage(capacity.totalCpu(), capacity.reservedCpu(), load.usedCpu()),
                    new Usage(capacity.totalMemory(), capacity.reservedMemory(), load.usedMemory()),
                    load.tasks(), new TreeMap<>(capacity.attributes()));
        }
    }

    /** One resource of a host; free may be negative when tasks were started beyond what berth allows. */
    public record Usage(long capacity, long reserved, long used) {
        public long free() {
            return capacity - reserved - used;
        }
    }
}
