package dev.berth.planner.placement;

import java.util.List;

/**
 * Where the tasks went, in placement order, and for those that fit nowhere, why not host by host
 * ("h2: 512 MiB free, needs 1024").
 */
public record PlacementResult(List<String> hosts, int unplaced, List<String> hostRejections) {
    public PlacementResult {
        hosts = List.copyOf(hosts);
        hostRejections = List.copyOf(hostRejections);
    }
}
