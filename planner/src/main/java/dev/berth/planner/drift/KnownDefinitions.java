package dev.berth.planner.drift;

import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The task definitions drift compares against: the stack's, and the revisions recorded on the hosts. */
final class KnownDefinitions {
    private final Stack stack;
    private final List<RevisionRecord> revisions;
    private final Map<String, TaskDefinition> byHash = new HashMap<>();

    KnownDefinitions(Stack canonical, ObservedState observed) {
        this.stack = canonical;
        this.revisions = observed.revisions();
        revisions.forEach(r -> readable(r).ifPresent(td -> byHash.put(r.specHash(), td)));
        canonical.taskDefinitions().values().forEach(td -> byHash.put(ContentHash.of(td), td));
    }

    /**
     * A record is a label on a host, which anyone can edit; one that no longer parses only costs the
     * config comparison for its revision, not the whole drift check.
     */
    private static Optional<TaskDefinition> readable(RevisionRecord record) {
        try {
            return Optional.of(CanonicalJson.read(record.definitionJson(), TaskDefinition.class));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** What a service should run: its pinned revision as recorded, else the stack's definition of its family. */
    Optional<Desired> desired(Service service) {
        String family = service.taskDefinitionFamily();
        Integer pinned = service.pinnedRevision();
        if (pinned != null) {
            return revisions.stream()
                    .filter(r -> r.family().equals(family) && r.revision() == pinned)
                    .findFirst()
                    .map(r -> new Desired(r.specHash(), pinned, byHash.get(r.specHash())));
        }
        return Optional.ofNullable(stack.taskDefinitions().get(family)).map(td -> {
            String hash = ContentHash.of(td);
            return new Desired(hash, revisionOf(family, hash), td);
        });
    }

    Optional<TaskDefinition> bySpecHash(String specHash) {
        return Optional.ofNullable(specHash).map(byHash::get);
    }

    private Integer revisionOf(String family, String specHash) {
        return revisions.stream()
                .filter(r -> r.family().equals(family) && r.specHash().equals(specHash))
                .map(RevisionRecord::revision)
                .findFirst()
                .orElse(null);
    }

    /**
     * @param revision null when the definition was never registered (not applied yet)
     */
    record Desired(String specHash, Integer revision, TaskDefinition definition) {
        String describe() {
            String hash = "sha256:" + ContentHash.shortForm(specHash);
            return revision == null ? hash + " (not registered yet)" : "revision " + revision + " (" + hash + ")";
        }
    }
}
