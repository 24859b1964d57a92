package dev.berth.planner.revision;

import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of revision resolution: each family's desired revision, the revision each service
 * runs (absent for a service whose pin names no recorded revision), the {@code taskDefinition.*}
 * changes and the problems found.
 */
public record ResolvedRevisions(Map<String, DesiredRevision> families, Map<String, DesiredRevision> services,
                                List<PlannedChange> changes, List<Reason> problems) {
    public ResolvedRevisions {
        families = Map.copyOf(families);
        services = Map.copyOf(services);
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
    }

    public Optional<DesiredRevision> forService(String service) {
        return Optional.ofNullable(services.get(service));
    }
}
