package dev.berth.planner.placement;

import java.util.Optional;

/**
 * The {@code distinctInstance} constraint: at most one task of the service per host. It counts
 * the tasks that run once the plan is applied, so a task being replaced does not block its host.
 */
public final class DistinctInstanceFilter implements FeasibilityFilter {
    @Override
    public Optional<String> reject(HostSnapshot host, TaskAsk ask) {
        return host.serviceTasks() > 0
                ? Optional.of("already runs a task of " + ask.service() + " (distinctInstance)")
                : Optional.empty();
    }
}
