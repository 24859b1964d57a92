package dev.berth.planner.revision;

import dev.berth.planner.attribute.AttributeDiff;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.plan.RevisionDetail;
import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Numbers each family's desired definition as ECS registers revisions: an identical definition
 * (same content hash) keeps the number it was recorded under, anything else is the next number,
 * recorded on the hosts that answered of the clusters whose services use the family.
 */
public final class RevisionResolver {
    private final RevisionHistory history;

    public RevisionResolver(RevisionHistory history) {
        this.history = history;
    }

    /** @param reachable the hosts that answered, where new revisions are recorded */
    public ResolvedRevisions resolve(Stack canonical, List<HostRef> reachable) {
        Map<String, DesiredRevision> families = new TreeMap<>();
        List<PlannedChange> changes = new ArrayList<>();
        Map<String, Set<String>> clustersByFamily = new HashMap<>();
        canonical.services().values().forEach(service -> clustersByFamily
                .computeIfAbsent(service.taskDefinitionFamily(), f -> new HashSet<>()).add(service.cluster()));
        // Sorted once, and filtered (and their names listed) once per set of clusters: thousands of
        // families may change at once on thousands of hosts.
        List<HostRef> sortedReachable = reachable.stream().sorted().toList();
        Map<Set<String>, Recipients> hostsByClusters = new HashMap<>();
        canonical.taskDefinitions().forEach((family, definition) -> {
            String specHash = ContentHash.of(definition);
            Optional<RevisionRecord> same = history.withHash(family, specHash);
            Optional<RevisionRecord> latest = history.latest(family);
            int revision = same.map(RevisionRecord::revision)
                    .orElseGet(() -> latest.map(r -> r.revision() + 1).orElse(1));
            DesiredRevision desired = new DesiredRevision(family, revision, specHash, definition);
            families.put(family, desired);
            changes.add(same.isPresent() ? PlannedChange.noop(new Address(Address.Kind.taskDefinition, family))
                    : change(desired, latest, hostsByClusters.computeIfAbsent(
                            clustersByFamily.getOrDefault(family, Set.of()), c -> Recipients.of(c, sortedReachable))));
        });

        Map<String, DesiredRevision> services = new HashMap<>();
        List<Reason> problems = new ArrayList<>();
        new TreeMap<>(canonical.services()).forEach((name, service) ->
                revisionOf(name, service, families, problems).ifPresent(r -> services.put(name, r)));
        return new ResolvedRevisions(families, services, changes, problems);
    }

    /**
     * The hosts a new revision is recorded on, and their names for its reasons. A family no
     * service uses is still recorded, on every host that answered, so it is not planned again.
     */
    private record Recipients(List<HostRef> hosts, List<String> hostNames) {
        static Recipients of(Set<String> clusters, List<HostRef> sortedReachable) {
            List<HostRef> hosts = sortedReachable.stream()
                    .filter(h -> clusters.isEmpty() || clusters.contains(h.cluster())).toList();
            return new Recipients(hosts, hosts.stream().map(HostRef::host).distinct().toList());
        }
    }

    /**
     * A definition not recorded yet: registered under its new number on the hosts. Where none
     * answered it is still a change, so the plan shows its diff; apply then records it nowhere.
     */
    private PlannedChange change(DesiredRevision desired, Optional<RevisionRecord> latest, Recipients recipients) {
        Address address = new Address(Address.Kind.taskDefinition, desired.family());
        RevisionDetail detail = new RevisionDetail(desired.family(), desired.revision(), desired.specHash(),
                desired.definition(), recipients.hosts());
        List<String> hostNames = recipients.hostNames();
        Reason reason = hostNames.isEmpty() ? Reason.of(ReasonCode.REVISION_NO_HOST, "revision", desired.label())
                : latest.isEmpty() ? Reason.of(ReasonCode.REVISION_NEW, "revision", desired.label(), "hosts", hostNames)
                : Reason.of(ReasonCode.REVISION_NEXT, "revision", desired.label(),
                        "latest", desired.family() + ":" + latest.get().revision(), "hosts", hostNames);
        TaskDefinition previous = latest.map(history::definition).orElse(null);
        return new PlannedChange(address, latest.isEmpty() ? Action.create : Action.update,
                AttributeDiff.between(previous, desired.definition()), List.of(reason), detail);
    }

    private Optional<DesiredRevision> revisionOf(String name, Service service, Map<String, DesiredRevision> families,
                                                 List<Reason> problems) {
        String family = service.taskDefinitionFamily();
        Integer pinned = service.pinnedRevision();
        if (pinned == null) {
            DesiredRevision latest = families.get(family);
            if (latest == null) {
                problems.add(Reason.of(ReasonCode.TASK_DEFINITION_UNDECLARED, "service", name, "family", family));
            }
            return Optional.ofNullable(latest);
        }
        DesiredRevision declared = families.get(family);
        if (declared != null && declared.revision() == pinned) {
            return Optional.of(declared);
        }
        Optional<RevisionRecord> record = history.find(family, pinned);
        if (record.isEmpty()) {
            problems.add(Reason.of(ReasonCode.PINNED_REVISION_MISSING, "service", name,
                    "revision", family + ":" + pinned, "recorded", history.describe(family)));
            return Optional.empty();
        }
        RevisionRecord r = record.get();
        return Optional.of(new DesiredRevision(family, pinned, r.specHash(), history.definition(r)));
    }
}
