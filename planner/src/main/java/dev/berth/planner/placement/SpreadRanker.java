package dev.berth.planner.placement;

import dev.berth.planner.placement.ClusterSnapshot.AttributeValues;
import java.util.function.ToLongFunction;

/**
 * {@code spread} over an attribute: the host whose attribute value has the fewest tasks of the
 * service first, counting every host of the cluster with that value. Spreading over
 * {@code instanceId} is the same with one value per host. As ECS spreads over the values present,
 * a host without the attribute is in no bucket: it ranks after every host that has it, so it takes
 * tasks only when no host with the attribute can.
 */
public final class SpreadRanker implements Ranker {
    private final String attribute;

    /** @param attribute the attribute key ({@code zone} for {@code attribute:zone}, or {@code instanceId}) */
    public SpreadRanker(String attribute) {
        this.attribute = attribute;
    }

    @Override
    public ToLongFunction<HostSnapshot> score(TaskAsk ask, ClusterSnapshot cluster) {
        AttributeValues values = cluster.values(attribute);
        // Only hosts holding tasks of the service add to a value's count.
        int[] tasksPerValue = new int[values.count()];
        for (HostSnapshot host : cluster.serviceHosts()) {
            int value = values.of(host);
            if (value != AttributeValues.NO_VALUE) {
                tasksPerValue[value] += host.serviceTasks();
            }
        }
        return host -> {
            int value = values.of(host);
            return value == AttributeValues.NO_VALUE ? Integer.MAX_VALUE : tasksPerValue[value];
        };
    }
}
