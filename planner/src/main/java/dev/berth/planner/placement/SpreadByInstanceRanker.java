package dev.berth.planner.placement;

import java.util.Comparator;
import java.util.List;

/** {@code spread} over {@code instanceId}: the host with the fewest tasks of the service first. */
public final class SpreadByInstanceRanker implements Ranker {
    @Override
    public Comparator<HostSnapshot> order(TaskAsk ask, List<HostSnapshot> cluster) {
        return Comparator.comparingInt(HostSnapshot::serviceTasks);
    }
}
