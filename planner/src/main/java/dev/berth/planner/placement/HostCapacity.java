package dev.berth.planner.placement;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Resources;
import java.util.Map;

/**
 * What a host offers tasks: its engine's CPUs (1024 units each) and memory in MiB, less what the
 * stack reserves on it ({@code reserved:}). An unreachable host offers nothing.
 *
 * @param attributes user and built-in attributes ({@link HostAttributes})
 */
public record HostCapacity(String host, boolean reachable, Map<String, String> attributes,
                           long totalCpu, long totalMemory, long reservedCpu, long reservedMemory) {
    private static final long MIB = 1024L * 1024L;

    public HostCapacity {
        // A hash map: placement looks attributes up for every decision; readers that list them sort.
        attributes = Map.copyOf(attributes);
    }

    /** @param declared the host as the stack declares it, or null when it is not declared */
    public static HostCapacity of(ObservedHost observed, Host declared) {
        Map<String, String> attributes = HostAttributes.of(observed, declared);
        Resources reserved = declared == null || declared.reserved() == null ? new Resources(0, 0) : declared.reserved();
        if (!observed.reachable() || observed.info() == null) {
            return new HostCapacity(observed.name(), false, attributes, 0, 0, 0, 0);
        }
        return new HostCapacity(observed.name(), true, attributes, observed.info().cpus() * 1024L,
                observed.info().memoryBytes() / MIB, orZero(reserved.cpu()), orZero(reserved.memory()));
    }

    /** CPU units tasks may reserve. */
    public long cpu() {
        return totalCpu - reservedCpu;
    }

    /** MiB tasks may reserve. */
    public long memory() {
        return totalMemory - reservedMemory;
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
