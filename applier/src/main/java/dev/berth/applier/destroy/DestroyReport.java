package dev.berth.applier.destroy;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a destroy.
 *
 * @param unreachable hosts that did not answer, with the reason: whatever the stack has there is still there
 */
public record DestroyReport(String stack, List<HostRemoval> hosts, Map<String, String> unreachable) {
    public DestroyReport {
        hosts = List.copyOf(hosts);
        unreachable = Map.copyOf(unreachable);
    }

    /** Every reachable host is empty of the stack and every host answered. */
    public boolean complete() {
        return unreachable.isEmpty() && hosts.stream().allMatch(h -> h.failures().isEmpty());
    }
}
