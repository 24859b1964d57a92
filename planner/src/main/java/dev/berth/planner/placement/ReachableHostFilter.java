package dev.berth.planner.placement;

import java.util.Optional;

/** Nothing can start on a host berth cannot reach. A record: every one equals every other. */
public record ReachableHostFilter() implements FeasibilityFilter {
    @Override
    public Optional<String> reject(HostSnapshot host, TaskAsk ask) {
        return host.reachable() ? Optional.empty() : Optional.of("unreachable");
    }

    @Override
    public boolean judgesHostOnly() {
        return true;
    }
}
