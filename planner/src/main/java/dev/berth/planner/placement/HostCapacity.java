package dev.berth.planner.placement;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Resources;
import java.util.Map;

/**
 * What a host offers tasks: its engine's CPUs (1024 units each) and memory, less what the stack
 * reserves on it. An unreachable host offers nothing.
 */
public record HostCapacity(String host, boolean reachable, Map<String, String> attributes, long cpu, long memory) {
    private static final long MIB = 1024L * 1024L;

    public HostCapacity {
        attributes = Map.copyOf(attributes);
    }

    /** @param declared the host as the stack declares it, or null when it is not declared */
    public static HostCapacity of(ObservedHost observed, Host declared) {
        Map<String, String> attributes = declared == null ? Map.of() : declared.attributes();
        if (!observed.reachable() || observed.info() == null) {
            return new HostCapacity(observed.name(), false, attributes, 0, 0);
        }
        Resources reserved = declared == null || declared.reserved() == null ? new Resources(0, 0) : declared.reserved();
        long cpu = observed.info().cpus() * 1024L - orZero(reserved.cpu());
        long memory = observed.info().memoryBytes() / MIB - orZero(reserved.memory());
        return new HostCapacity(observed.name(), true, attributes, cpu, memory);
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
