package dev.berth.planner.placement;

import java.util.Optional;

/** The task's CPU and memory reservation must fit in what the host has left. */
public final class CapacityFilter implements FeasibilityFilter {
    @Override
    public Optional<String> reject(HostSnapshot host, TaskAsk ask) {
        if (ask.memory() > host.freeMemory()) {
            return Optional.of(Math.max(0, host.freeMemory()) + " MiB memory free, needs " + ask.memory());
        }
        if (ask.cpu() > host.freeCpu()) {
            return Optional.of(Math.max(0, host.freeCpu()) + " CPU units free, needs " + ask.cpu());
        }
        return Optional.empty();
    }
}
