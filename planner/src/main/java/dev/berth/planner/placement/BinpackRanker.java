package dev.berth.planner.placement;

import java.util.Comparator;

/**
 * {@code binpack} on cpu or memory: the host with the least of that resource left first, so tasks
 * fill one host before the next and the fewest hosts are used.
 */
public final class BinpackRanker implements Ranker {
    public enum Resource { cpu, memory }

    private final Resource resource;

    public BinpackRanker(Resource resource) {
        this.resource = resource;
    }

    @Override
    public Comparator<HostSnapshot> order(TaskAsk ask, ClusterSnapshot cluster) {
        return switch (resource) {
            case cpu -> Comparator.comparingLong(HostSnapshot::freeCpu);
            case memory -> Comparator.comparingLong(HostSnapshot::freeMemory);
        };
    }
}
