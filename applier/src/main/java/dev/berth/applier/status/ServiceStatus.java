package dev.berth.applier.status;

import dev.berth.planner.observed.ServiceThrottle;
import java.util.List;

/**
 * A service as {@code describe-services} shows it.
 *
 * @param desired   the stack's desired count; 0 for a service the stack no longer declares
 * @param running   tasks whose containers all run
 * @param healthy   running tasks none of whose containers reports a failing or pending health check
 * @param revisions revisions its tasks run, with how many of each, in revision order
 * @param throttle  that the agent holds the service back for failing, or null
 */
public record ServiceStatus(String name, String cluster, int desired, int running, int healthy,
                            List<RevisionCount> revisions, List<TaskStatus> tasks, ServiceThrottle throttle) {
    public ServiceStatus {
        revisions = List.copyOf(revisions);
        tasks = List.copyOf(tasks);
    }

    /** {@code web:3}, or during a deployment {@code web:2 (1), web:3 (2)}; "-" without tasks. */
    public String revisionSummary() {
        if (revisions.isEmpty()) {
            return "-";
        }
        if (revisions.size() == 1) {
            return revisions.getFirst().revision();
        }
        return String.join(", ", revisions.stream().map(r -> r.revision() + " (" + r.tasks() + ")").toList());
    }

    /** {@code family:revision} and the number of the service's tasks that run it. */
    public record RevisionCount(String revision, int tasks) {
    }
}
