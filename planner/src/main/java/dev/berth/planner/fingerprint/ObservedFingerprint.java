package dev.berth.planner.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fingerprints of the parts of an observed state a plan depends on, kept apart so a stale plan
 * can say which part moved.
 */
public record ObservedFingerprint(String hosts, String tasks, String revisions, String networks,
                                  String loadBalancers, String scaledCounts) {

    /** What differs from {@code other}, in words: "the hosts", "the tasks". Empty when nothing does. */
    public List<String> changedParts(ObservedFingerprint other) {
        List<String> changed = new ArrayList<>();
        addIfChanged(changed, "the hosts", hosts, other.hosts);
        addIfChanged(changed, "the tasks", tasks, other.tasks);
        addIfChanged(changed, "the task definition revisions", revisions, other.revisions);
        addIfChanged(changed, "the networks", networks, other.networks);
        addIfChanged(changed, "the load balancers", loadBalancers, other.loadBalancers);
        addIfChanged(changed, "the counts auto scaling set", scaledCounts, other.scaledCounts);
        return changed;
    }

    private static void addIfChanged(List<String> changed, String part, String mine, String theirs) {
        if (!Objects.equals(mine, theirs)) {
            changed.add(part);
        }
    }
}
