package dev.berth.planner.placement;

import java.util.Optional;

/** Whether a task may go on a host at all (Nomad's feasibility checks). */
public interface FeasibilityFilter {

    /** Why the task cannot go on this host, or empty when it can. */
    Optional<String> reject(HostSnapshot host, TaskAsk ask);
}
