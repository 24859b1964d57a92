package dev.berth.planner.placement;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * {@code spread} over an attribute: the host whose attribute value has the fewest tasks of the
 * service first, counting every host of the cluster with that value. Spreading over
 * {@code instanceId} is the same with one value per host. As ECS spreads over the values present,
 * a host without the attribute is in no bucket: it ranks after every host that has it, so it takes
 * tasks only when no host with the attribute can.
 */
public final class SpreadRanker implements Ranker {
    private static final int NO_VALUE = -1;

    private final String attribute;
    // A ranker serves every decision of one service, and placement ranks before each task it
    // places: the host's value is looked up once and kept as a number, and looked up again only
    // when the host's attributes are not the ones seen (another cluster).
    private final Map<String, Integer> valueIds = new HashMap<>();
    private Map<?, ?>[] attributesSeen = new Map<?, ?>[0];
    private int[] valueOfHost = new int[0];

    /** @param attribute the attribute key ({@code zone} for {@code attribute:zone}, or {@code instanceId}) */
    public SpreadRanker(String attribute) {
        this.attribute = attribute;
    }

    @Override
    public ToLongFunction<HostSnapshot> score(TaskAsk ask, ClusterSnapshot cluster) {
        int hosts = cluster.hosts().size();
        if (attributesSeen.length < hosts) {
            attributesSeen = Arrays.copyOf(attributesSeen, hosts);
            valueOfHost = Arrays.copyOf(valueOfHost, hosts);
        }
        // Only hosts holding tasks of the service add to a value's count; a value first met
        // while comparing has none.
        int[] tasksPerValue = new int[valueIds.size()];
        for (HostSnapshot host : cluster.serviceHosts()) {
            int value = valueOf(host);
            if (value != NO_VALUE) {
                if (value >= tasksPerValue.length) {
                    tasksPerValue = Arrays.copyOf(tasksPerValue, valueIds.size());
                }
                tasksPerValue[value] += host.serviceTasks();
            }
        }
        int[] counts = tasksPerValue;
        return host -> {
            int value = valueOf(host);
            return value == NO_VALUE ? Integer.MAX_VALUE : value < counts.length ? counts[value] : 0;
        };
    }

    private int valueOf(HostSnapshot host) {
        int order = host.order();
        if (attributesSeen[order] != host.attributes()) {
            String value = host.attributes().get(attribute);
            valueOfHost[order] = value == null ? NO_VALUE : valueIds.computeIfAbsent(value, v -> valueIds.size());
            attributesSeen[order] = host.attributes();
        }
        return valueOfHost[order];
    }
}
