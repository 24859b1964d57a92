package dev.berth.planner.placement;

import java.util.Optional;
import java.util.TreeSet;

/**
 * A fixed host port is one per host: a host where a task that stays (or one the plan starts)
 * already publishes it cannot take the task, as ECS rejects an instance for its ports resource.
 * Without this a second copy is placed there and fails at start with "port is already allocated".
 */
public final class HostPortFilter implements FeasibilityFilter {
    @Override
    public Optional<String> reject(HostSnapshot host, TaskAsk ask) {
        if (ask.hostPorts().isEmpty() || host.hostPortsTaken().isEmpty()) {
            return Optional.empty();
        }
        TreeSet<String> taken = new TreeSet<>(ask.hostPorts());
        taken.retainAll(host.hostPortsTaken());
        return taken.isEmpty() ? Optional.empty()
                : Optional.of("host port " + String.join(", ", taken) + " already taken");
    }
}
