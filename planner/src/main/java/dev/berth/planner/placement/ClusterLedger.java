package dev.berth.planner.placement;

import dev.berth.planner.placement.ClusterSnapshot.AttributeValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running tally of one cluster while a plan is made: what each host has reserved (tasks
 * running now plus tasks the plan starts) and how many tasks of each service will run where.
 * Services are planned one after another against the same ledger, so later services see the
 * capacity earlier ones took. Resources of tasks the plan stops stay reserved: during a rolling
 * update old and new tasks run side by side, so the surge must fit. Their fixed host ports stay
 * taken until the rollout step that stops them ({@link #release}).
 */
public final class ClusterLedger {
    private static final BitSet NO_HOSTS = new BitSet();
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    // Placement asks for a snapshot before every task it places, and one placement or stop changes
    // one host: the last service's snapshots are kept and only hosts changed since are rebuilt (for
    // another service, also the hosts where either service has tasks), so a decision on a cluster
    // of thousands of hosts does not allocate thousands of snapshots.
    private final Slot[] slotsInOrder;
    private final HostSnapshot[] snapshots;
    private final List<HostSnapshot> snapshotView;
    private final BitSet changed = new BitSet();
    private final Map<String, BitSet> hostsOfService = new HashMap<>();
    // A host's reachability and attributes stay as they are while a plan is made, and thousands of
    // services may share one memberOf query: its verdicts are judged once.
    private final Map<List<FeasibilityFilter>, BitSet> admittedBy = new HashMap<>();
    private final Map<String, AttributeValues> valuesByAttribute = new HashMap<>();
    private String snapshotService;

    /** @param hosts in declaration order */
    public ClusterLedger(List<HostCapacity> hosts) {
        hosts.forEach(h -> slots.put(h.host(), new Slot(h, slots.size())));
        slotsInOrder = slots.values().toArray(Slot[]::new);
        snapshots = new HostSnapshot[slotsInOrder.length];
        snapshotView = Collections.unmodifiableList(Arrays.asList(snapshots));
    }

    /** A task the plan starts on the host. */
    public void occupy(String host, TaskAsk task) {
        occupy(host, task, null);
    }

    /** A task that runs on the host now, which the plan may stop ({@link #leave}). */
    public void occupy(String host, TaskAsk task, String taskId) {
        Slot slot = slots.get(host);
        if (slot != null) {
            changed.set(slot.order);
            if (taskId != null) {
                slot.taskPorts.put(taskId, task.hostPorts());
            }
            slot.usedCpu += task.cpu();
            slot.usedMemory += task.memory();
            slot.tasks++;
            slot.serviceTasks.merge(task.service(), 1, Integer::sum);
            hostsOfService.computeIfAbsent(task.service(), s -> new BitSet()).set(slot.order);
            task.hostPorts().forEach(port -> slot.ports.merge(port, 1, Integer::sum));
        }
    }

    /** A running task the plan stops: its host no longer counts it for spread or distinctInstance. */
    public void leave(String host, String service) {
        Slot slot = slots.get(host);
        if (slot != null) {
            changed.set(slot.order);
            slot.serviceTasks.merge(service, -1, Integer::sum);
            hostsOfService.computeIfAbsent(service, s -> new BitSet()).set(slot.order);
        }
    }

    /** A running task has stopped by this point of the rollout: its fixed host ports are free. */
    public void release(String host, String taskId) {
        Slot slot = slots.get(host);
        if (slot != null) {
            changed.set(slot.order);
            slot.taskPorts.getOrDefault(taskId, Set.of())
                    .forEach(port -> slot.ports.computeIfPresent(port, (p, n) -> n > 1 ? n - 1 : null));
        }
    }

    /** The host's position in declaration order: its index in {@link #snapshot}'s hosts. */
    public int order(String host) {
        return slots.get(host).order;
    }

    public boolean has(String host) {
        return slots.containsKey(host);
    }

    public int serviceTasks(String host, String service) {
        Slot slot = slots.get(host);
        return slot == null ? 0 : slot.serviceTasks.getOrDefault(service, 0);
    }

    /**
     * The cluster as a decision for the service sees it. Its hosts are a view, not a copy (one per
     * decision would copy thousands of entries), that shows them as of the latest call.
     */
    public ClusterSnapshot snapshot(String service) {
        BitSet serviceHosts = hostsOfService.getOrDefault(service, NO_HOSTS);
        if (snapshotService == null) {
            changed.set(0, slotsInOrder.length);
        } else if (!service.equals(snapshotService)) {
            changed.or(hostsOfService.getOrDefault(snapshotService, NO_HOSTS));
            changed.or(serviceHosts);
        }
        snapshotService = service;
        for (int order = changed.nextSetBit(0); order >= 0; order = changed.nextSetBit(order + 1)) {
            Slot slot = slotsInOrder[order];
            HostCapacity capacity = slot.capacity;
            snapshots[order] = new HostSnapshot(capacity.host(), order, capacity.reachable() ? null : "unreachable",
                    capacity.attributes(), capacity.cpu() - slot.usedCpu, capacity.memory() - slot.usedMemory,
                    slot.serviceTasks.getOrDefault(service, 0), slot.ports.keySet());
        }
        changed.clear();
        // Every host where the service's count moved, by a placement or a stop, is in serviceHosts.
        List<HostSnapshot> holding = new ArrayList<>(serviceHosts.cardinality());
        for (int order = serviceHosts.nextSetBit(0); order >= 0; order = serviceHosts.nextSetBit(order + 1)) {
            if (snapshots[order].serviceTasks() != 0) {
                holding.add(snapshots[order]);
            }
        }
        return new ClusterSnapshot(snapshotView, Collections.unmodifiableList(holding), this::values);
    }

    /** Numbered once per attribute for the plan, not once per service that spreads on it. */
    private AttributeValues values(String attribute) {
        return valuesByAttribute.computeIfAbsent(attribute, a -> {
            Map<String, Integer> numbers = new HashMap<>();
            int[] byHost = new int[slotsInOrder.length];
            for (Slot slot : slotsInOrder) {
                String value = slot.capacity.attributes().get(a);
                byHost[slot.order] = value == null ? AttributeValues.NO_VALUE
                        : numbers.computeIfAbsent(value, v -> numbers.size());
            }
            return new AttributeValues(byHost, numbers.size());
        });
    }

    /**
     * The hosts, by declaration order, that every one of these filters accepts, all of them
     * judging the host only ({@link FeasibilityFilter#judgesHostOnly}).
     */
    public BitSet admitted(List<FeasibilityFilter> hostFilters, TaskAsk ask) {
        BitSet admitted = admittedBy.get(hostFilters);
        if (admitted == null) {
            if (snapshotService == null) {
                snapshot(ask.service());
            }
            admitted = new BitSet(snapshots.length);
            for (HostSnapshot host : snapshots) {
                if (hostFilters.stream().allMatch(filter -> filter.reject(host, ask).isEmpty())) {
                    admitted.set(host.order());
                }
            }
            admittedBy.put(List.copyOf(hostFilters), admitted);
        }
        return (BitSet) admitted.clone();
    }

    /** What each host holds, in declaration order. */
    public List<HostLoad> loads() {
        return slots.values().stream().map(s -> new HostLoad(s.capacity, s.usedCpu, s.usedMemory, s.tasks)).toList();
    }

    /**
     * @param usedCpu    CPU units reserved by the tasks the ledger counts
     * @param usedMemory MiB likewise
     * @param tasks      tasks the ledger counts, of every service
     */
    public record HostLoad(HostCapacity capacity, long usedCpu, long usedMemory, int tasks) {
    }

    private static final class Slot {
        private final HostCapacity capacity;
        private final int order;
        private final Map<String, Integer> serviceTasks = new HashMap<>();
        private final Map<String, Integer> ports = new HashMap<>();
        private final Map<String, Set<String>> taskPorts = new HashMap<>();
        private long usedCpu;
        private long usedMemory;
        private int tasks;

        private Slot(HostCapacity capacity, int order) {
            this.capacity = capacity;
            this.order = order;
        }
    }
}
