package dev.berth.planner.revision;

import dev.berth.planner.attribute.AttributeDiff;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Numbers each family's desired definition as ECS registers revisions: an identical definition
 * (same content hash) keeps the number it was recorded under, anything else is the next number.
 */
public final class RevisionResolver {
    private final RevisionHistory history;

    public RevisionResolver(RevisionHistory history) {
        this.history = history;
    }

    public ResolvedRevisions resolve(Stack canonical) {
        Map<String, DesiredRevision> families = new TreeMap<>();
        List<PlannedChange> changes = new ArrayList<>();
        canonical.taskDefinitions().forEach((family, definition) -> {
            String specHash = ContentHash.of(definition);
            Optional<RevisionRecord> same = history.withHash(family, specHash);
            Optional<RevisionRecord> latest = history.latest(family);
            int revision = same.map(RevisionRecord::revision)
                    .orElseGet(() -> latest.map(r -> r.revision() + 1).orElse(1));
            DesiredRevision desired = new DesiredRevision(family, revision, specHash, definition);
            families.put(family, desired);
            changes.add(change(desired, same.isPresent(), latest));
        });

        Map<String, DesiredRevision> services = new HashMap<>();
        List<String> problems = new ArrayList<>();
        new TreeMap<>(canonical.services()).forEach((name, service) ->
                revisionOf(name, service, families, problems).ifPresent(r -> services.put(name, r)));
        return new ResolvedRevisions(families, services, changes, problems);
    }

    private PlannedChange change(DesiredRevision desired, boolean recorded, Optional<RevisionRecord> latest) {
        Address address = new Address(Address.Kind.taskDefinition, desired.family());
        if (recorded) {
            return new PlannedChange(address, Action.noop, List.of(), List.of(), null, null);
        }
        if (latest.isEmpty()) {
            return new PlannedChange(address, Action.create, AttributeDiff.between(null, desired.definition()),
                    List.of("register " + desired.label()), null, null);
        }
        TaskDefinition previous = history.definition(latest.get());
        List<AttributeChange> attributes = AttributeDiff.between(previous, desired.definition());
        return new PlannedChange(address, Action.update, attributes,
                List.of("register " + desired.label() + " (latest is " + desired.family() + ":"
                        + latest.get().revision() + ")"), null, null);
    }

    private Optional<DesiredRevision> revisionOf(String name, Service service, Map<String, DesiredRevision> families,
                                                 List<String> problems) {
        String family = service.taskDefinitionFamily();
        Integer pinned = service.pinnedRevision();
        if (pinned == null) {
            DesiredRevision latest = families.get(family);
            if (latest == null) {
                problems.add("service \"" + name + "\" runs task definition " + family
                        + ", which the stack does not declare");
            }
            return Optional.ofNullable(latest);
        }
        DesiredRevision declared = families.get(family);
        if (declared != null && declared.revision() == pinned) {
            return Optional.of(declared);
        }
        Optional<RevisionRecord> record = history.find(family, pinned);
        if (record.isEmpty()) {
            problems.add("service \"" + name + "\" pins " + family + ":" + pinned + ", but "
                    + history.describe(family));
            return Optional.empty();
        }
        RevisionRecord r = record.get();
        return Optional.of(new DesiredRevision(family, pinned, r.specHash(), history.definition(r)));
    }
}
