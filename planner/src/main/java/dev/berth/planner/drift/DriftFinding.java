package dev.berth.planner.drift;

import dev.berth.planner.plan.Address;

import java.util.Comparator;

/**
 * One difference between the stack and the hosts.
 *
 * @param host   the host it was found on, null when it concerns a service as a whole (a task count)
 * @param taskId the task concerned, null when no single task is
 * @param detail what is wrong, for a person; never holds a secret value
 */
public record DriftFinding(DriftKind kind, Address address, String host, String taskId, String detail)
        implements Comparable<DriftFinding> {

    private static final Comparator<DriftFinding> ORDER = Comparator.comparing(DriftFinding::address)
            .thenComparing(DriftFinding::host, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(DriftFinding::taskId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(DriftFinding::kind)
            .thenComparing(DriftFinding::detail);

    @Override
    public int compareTo(DriftFinding other) {
        return ORDER.compare(this, other);
    }
}
