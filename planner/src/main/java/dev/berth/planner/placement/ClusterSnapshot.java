package dev.berth.planner.placement;

import java.util.List;
import java.util.function.Function;

/**
 * A cluster as one placement decision sees it.
 *
 * @param hosts           every host in declaration order, indexed by {@link HostSnapshot#order}
 * @param serviceHosts    those of {@code hosts} where the service counts tasks (nonzero
 *                        {@link HostSnapshot#serviceTasks}), in declaration order: a ranker that
 *                        sums the service's tasks visits these rather than thousands of hosts for
 *                        each task
 * @param attributeValues {@link #values}, kept by the ledger for the whole plan
 */
public record ClusterSnapshot(List<HostSnapshot> hosts, List<HostSnapshot> serviceHosts,
                              Function<String, AttributeValues> attributeValues) {

    /** The hosts' values of an attribute, numbered: a host's attributes do not change while a plan is made. */
    public AttributeValues values(String attribute) {
        return attributeValues.apply(attribute);
    }

    /**
     * @param count how many distinct values the hosts have
     */
    public record AttributeValues(int[] byHost, int count) {
        public static final int NO_VALUE = -1;

        /** The number of the host's value, from 0, the same for equal values; {@link #NO_VALUE} when it has none. */
        public int of(HostSnapshot host) {
            return byHost[host.order()];
        }
    }
}
