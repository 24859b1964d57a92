package dev.berth.applier.observe;

import dev.berth.planner.observed.RevisionRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Merges the revision records read from every host into one history. Each host holds a copy, so
 * identical copies collapse; when hosts disagree about what a revision number means, the earliest
 * registration wins (it is the one the later registrations should have seen) and a warning says so.
 */
record RevisionHistory(List<RevisionRecord> revisions, List<String> warnings) {
    private static final Comparator<HostRevision> EARLIEST_FIRST =
            Comparator.comparing((HostRevision r) -> r.record().deployedAt()).thenComparing(HostRevision::host);

    RevisionHistory {
        revisions = List.copyOf(revisions);
        warnings = List.copyOf(warnings);
    }

    static RevisionHistory merge(List<HostRevision> copies) {
        Map<String, Map<Integer, List<HostRevision>>> byFamily = new TreeMap<>();
        for (HostRevision copy : copies) {
            byFamily.computeIfAbsent(copy.record().family(), f -> new TreeMap<>())
                    .computeIfAbsent(copy.record().revision(), r -> new ArrayList<>())
                    .add(copy);
        }
        List<RevisionRecord> revisions = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        byFamily.values().forEach(byRevision -> byRevision.values().forEach(sameNumber -> {
            List<HostRevision> ordered = sameNumber.stream().sorted(EARLIEST_FIRST).toList();
            HostRevision kept = ordered.getFirst();
            revisions.add(kept.record());
            if (ordered.stream().anyMatch(r -> !r.record().specHash().equals(kept.record().specHash()))) {
                warnings.add(conflict(kept, ordered));
            }
        }));
        return new RevisionHistory(revisions, warnings);
    }

    private static String conflict(HostRevision kept, List<HostRevision> ordered) {
        String copies = ordered.stream()
                .map(r -> r.host() + " has " + r.record().specHash() + " (" + r.record().deployedAt() + ")")
                .collect(Collectors.joining(", "));
        return "revision " + kept.record().family() + ":" + kept.record().revision()
                + " differs between hosts: " + copies + "; using the earliest, from " + kept.host();
    }
}
