package dev.berth.planner.placement;

import java.util.Optional;

/** Whether a task may go on a host at all (Nomad's feasibility checks). */
public interface FeasibilityFilter {

    /** Why the task cannot go on this host, or empty when it can. */
    Optional<String> reject(HostSnapshot host, TaskAsk ask);

    /**
     * Whether the verdict depends only on the host itself (reachability, attributes) and not on
     * the tasks it holds or the task asking: the placer then asks once per host rather than once
     * per task, and the ledger keeps the verdicts for any service whose host-only filters are
     * equal, so such a filter should say by {@code equals} when it judges as another does.
     */
    default boolean judgesHostOnly() {
        return false;
    }
}
