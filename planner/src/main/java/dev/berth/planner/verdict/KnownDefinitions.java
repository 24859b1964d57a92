package dev.berth.planner.verdict;

import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;

import java.util.List;
import java.util.Optional;

/** What each service should run, for judging its tasks: the stack's definition, or a pinned revision as recorded. */
public final class KnownDefinitions {
    private final Stack stack;
    private final List<RevisionRecord> revisions;

    public KnownDefinitions(Stack canonical, ObservedState observed) {
        this.stack = canonical;
        this.revisions = observed.revisions();
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
    public Optional<Desired> desired(Service service) {
        String family = service.taskDefinitionFamily();
        Integer pinned = service.pinnedRevision();
        if (pinned != null) {
            return revisions.stream()
                    .filter(r -> r.family().equals(family) && r.revision() == pinned)
                    .findFirst()
                    .map(r -> new Desired(r.specHash(), pinned, readable(r).orElse(null)));
        }
        return Optional.ofNullable(stack.taskDefinitions().get(family)).map(td -> {
            String hash = ContentHash.of(td);
            return new Desired(hash, revisionOf(family, hash), td);
        });
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
    public record Desired(String specHash, Integer revision, TaskDefinition definition) {
        public String describe() {
            String hash = "sha256:" + ContentHash.shortForm(specHash);
            return revision == null ? hash + " (not registered yet)" : "revision " + revision + " (" + hash + ")";
        }
    }
}
