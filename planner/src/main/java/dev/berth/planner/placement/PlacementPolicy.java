package dev.berth.planner.placement;

import dev.berth.schema.model.PlacementConstraint;
import dev.berth.schema.model.PlacementStrategy;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns a service's placement constraints and strategies into the filters and rankers of its
 * {@link TaskPlacer}. A strategy berth cannot apply yet is a warning (placement still spreads); a
 * constraint it cannot check is a problem, since ignoring it could put tasks where they must not run.
 */
public record PlacementPolicy(TaskPlacer placer, List<String> warnings, List<String> problems) {
    public PlacementPolicy {
        warnings = List.copyOf(warnings);
        problems = List.copyOf(problems);
    }

    public static PlacementPolicy of(String serviceName, Service service, TaskDefinition definition) {
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<FeasibilityFilter> filters = new ArrayList<>(List.of(new ReachableHostFilter(), new CapacityFilter()));
        List<PlacementConstraint> constraints = Stream.concat(service.placementConstraints().stream(),
                definition.placementConstraints().stream()).distinct().toList();
        for (PlacementConstraint constraint : constraints) {
            switch (constraint.type()) {
                case distinctInstance -> filters.add(new DistinctInstanceFilter());
                case memberOf -> problems.add("service \"" + serviceName + "\": placement constraint memberOf("
                        + constraint.expression() + ") is not supported yet");
            }
        }
        List<Ranker> rankers = new ArrayList<>();
        for (PlacementStrategy strategy : service.placementStrategy()) {
            if (spreadsOverHosts(strategy)) {
                rankers.add(new SpreadByInstanceRanker());
            } else {
                warnings.add("service \"" + serviceName + "\": placement strategy " + strategy.type()
                        + (strategy.field() == null ? "" : "(" + strategy.field() + ")")
                        + " is not supported yet; tasks are spread over hosts instead");
            }
        }
        if (rankers.isEmpty()) {
            rankers.add(new SpreadByInstanceRanker());
        }
        return new PlacementPolicy(new TaskPlacer(filters, rankers), warnings, problems);
    }

    /** ECS spells spreading over hosts {@code instanceId} or {@code host}. */
    private static boolean spreadsOverHosts(PlacementStrategy strategy) {
        return strategy.type() == PlacementStrategy.Type.spread
                && ("instanceId".equals(strategy.field()) || "host".equals(strategy.field()));
    }
}
