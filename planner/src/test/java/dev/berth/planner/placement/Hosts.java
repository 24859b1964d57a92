package dev.berth.planner.placement;

import java.util.Map;
import java.util.TreeMap;

/** Host capacities for placement tests, with the built-in attributes a real host has. */
public final class Hosts {
    private Hosts() {
    }

    public static HostCapacity host(String name, long cpu, long memory, Map<String, String> attributes) {
        TreeMap<String, String> all = new TreeMap<>(attributes);
        all.put(HostAttributes.INSTANCE_ID, name);
        all.put(HostAttributes.HOST, name);
        return new HostCapacity(name, true, all, cpu, memory, 0, 0);
    }

    public static HostCapacity host(String name, long cpu, long memory) {
        return host(name, cpu, memory, Map.of());
    }

    public static HostCapacity inZone(String name, String zone) {
        return host(name, 4096, 8192, Map.of("zone", zone));
    }

    public static HostCapacity unreachable(String name) {
        return new HostCapacity(name, false, new TreeMap<>(Map.of(HostAttributes.INSTANCE_ID, name)), 0, 0, 0, 0);
    }
}
