package dev.berth.planner.placement;

import java.util.function.ToLongFunction;

/**
 * {@code random}, made reproducible: each decision shuffles the hosts by a hash of the seed (stack
 * and service), the decision's ordinal and the host name, so the same inputs give the same plan
 * while two services, or two tasks of one service, get different orders. The ordinal is the
 * number of tasks of the service the cluster holds when the decision is made.
 */
public final class RandomRanker implements Ranker {
    private final long seed;

    /** @param seed stack and service name, for example {@code shop/web} */
    public RandomRanker(String seed) {
        this.seed = mix(seed.hashCode());
    }

    @Override
    public ToLongFunction<HostSnapshot> score(TaskAsk ask, ClusterSnapshot cluster) {
        long ordinal = cluster.serviceHosts().stream().mapToLong(HostSnapshot::serviceTasks).sum();
        long decision = mix(seed ^ mix(ordinal));
        return host -> mix(decision ^ host.host().hashCode());
    }

    /** SplitMix64's finalizer: spreads close inputs (ordinals 1, 2, 3) over the whole range. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
