package dev.berth.planner.revision;

import dev.berth.planner.observed.RevisionRecord;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.model.TaskDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The recorded revisions of every family, by number. Definitions are parsed on first use and
 * kept: most plans only need the few whose hash differs from the desired one.
 */
public final class RevisionHistory {
    private final Map<String, TreeMap<Integer, RevisionRecord>> byFamily;
    private final Map<RevisionRecord, TaskDefinition> parsed = new HashMap<>();

    public RevisionHistory(List<RevisionRecord> records) {
        this.byFamily = records.stream().collect(Collectors.groupingBy(RevisionRecord::family,
                Collectors.toMap(RevisionRecord::revision, r -> r, (a, b) -> a, TreeMap::new)));
    }

    public List<RevisionRecord> of(String family) {
        return List.copyOf(byFamily.getOrDefault(family, new TreeMap<>()).values());
    }

    public Optional<RevisionRecord> find(String family, int revision) {
        return Optional.ofNullable(byFamily.getOrDefault(family, new TreeMap<>()).get(revision));
    }

    public Optional<RevisionRecord> latest(String family) {
        TreeMap<Integer, RevisionRecord> revisions = byFamily.get(family);
        return revisions == null ? Optional.empty() : Optional.of(revisions.lastEntry().getValue());
    }

    public Optional<RevisionRecord> withHash(String family, String specHash) {
        return of(family).stream().filter(r -> r.specHash().equals(specHash)).findFirst();
    }

    public TaskDefinition definition(RevisionRecord record) {
        return parsed.computeIfAbsent(record, r -> CanonicalJson.read(r.definitionJson(), TaskDefinition.class));
    }

    /** "revisions 1-3 exist" or "no revisions exist", for problems about pinned revisions. */
    public String describe(String family) {
        TreeMap<Integer, RevisionRecord> revisions = byFamily.get(family);
        if (revisions == null || revisions.isEmpty()) {
            return "no revisions exist";
        }
        if (revisions.size() == 1) {
            return "only revision " + revisions.firstKey() + " exists";
        }
        boolean contiguous = revisions.lastKey() - revisions.firstKey() + 1 == revisions.size();
        String numbers = contiguous ? revisions.firstKey() + "-" + revisions.lastKey()
                : revisions.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "revisions " + numbers + " exist";
    }
}
