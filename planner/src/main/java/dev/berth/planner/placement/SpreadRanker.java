package dev.berth.planner.placement;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    public Comparator<HostSnapshot> order(TaskAsk ask, List<HostSnapshot> cluster) {
        Map<String, Integer> tasksPerValue = new HashMap<>();
        for (HostSnapshot host : cluster) {
            String value = host.attributes().get(attribute);
            if (value != null) {
                tasksPerValue.merge(value, host.serviceTasks(), Integer::sum);
            }
        }
        // Looked up once per host here rather than on every comparison: placement compares often.
        int[] tasksOfValue = new int[cluster.size()];
        for (HostSnapshot host : cluster) {
            String value = host.attributes().get(attribute);
            tasksOfValue[host.order()] = value == null ? Integer.MAX_VALUE : tasksPerValue.get(value);
        }
        return Comparator.comparingInt(host -> tasksOfValue[host.order()]);
    }
}
