package dev.berth.planner.placement;

import java.util.function.ToLongFunction;

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
    public ToLongFunction<HostSnapshot> score(TaskAsk ask, ClusterSnapshot cluster) {
        return switch (resource) {
            case cpu -> HostSnapshot::freeCpu;
            case memory -> HostSnapshot::freeMemory;
        };
    }
}
