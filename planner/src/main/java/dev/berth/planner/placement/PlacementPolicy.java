package dev.berth.planner.placement;

import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.schema.expression.ClusterQueryParser;
import dev.berth.schema.expression.ExpressionSyntaxException;
import dev.berth.schema.model.PlacementConstraint;
import dev.berth.schema.model.PlacementStrategy;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a service's placement constraints (its own and its task definition's) and strategies into
 * the filters and rankers of its {@link TaskPlacer}.
 * <p>
 * Filters run in the order that gives the most useful rejection: reachability, memberOf,
 * distinctInstance, fixed host ports, then capacity, so a host that may never run the task is not
 * reported as full.
 * With no strategy, tasks spread over hosts ({@code spread(instanceId)}): ECS's default depends on
 * the launch type, and spreading is the one that suits a handful of Docker hosts.
 * <p>
 * Validation rejects a memberOf expression that does not parse or a strategy berth does not know;
 * if one gets here anyway it is a problem, since ignoring it could put tasks where they must not run.
 */
public record PlacementPolicy(TaskPlacer placer, List<Reason> problems) {
    private static final String ATTRIBUTE_PREFIX = "attribute:";

    public PlacementPolicy {
        problems = List.copyOf(problems);
    }

    /** @param stack seeds the random strategy, together with the service name */
    public static PlacementPolicy of(String stack, String serviceName, Service service, TaskDefinition definition) {
        List<Reason> problems = new ArrayList<>();
        List<FeasibilityFilter> filters = new ArrayList<>(List.of(new ReachableHostFilter()));
        List<PlacementConstraint> constraints = Stream.concat(service.placementConstraints().stream(),
                definition.placementConstraints().stream()).distinct().toList();
        constraints.stream().filter(c -> c.type() == PlacementConstraint.Type.memberOf).forEach(constraint ->
                memberOf(constraint.expression()).ifPresentOrElse(filters::add, () -> problems.add(Reason.of(
                        ReasonCode.PLACEMENT_QUERY_INVALID, "service", serviceName,
                        "expression", String.valueOf(constraint.expression())))));
        if (constraints.stream().anyMatch(c -> c.type() == PlacementConstraint.Type.distinctInstance)) {
            filters.add(new DistinctInstanceFilter());
        }
        filters.add(new HostPortFilter());
        filters.add(new CapacityFilter());

        List<Ranker> rankers = new ArrayList<>();
        for (PlacementStrategy strategy : service.placementStrategy()) {
            Ranker ranker = ranker(strategy, stack + "/" + serviceName);
            if (ranker == null) {
                problems.add(Reason.of(ReasonCode.PLACEMENT_STRATEGY_UNKNOWN, "service", serviceName,
                        "strategy", strategy.type() + "(" + strategy.field() + ")"));
            } else {
                rankers.add(ranker);
            }
        }
        if (rankers.isEmpty()) {
            rankers.add(new SpreadRanker(HostAttributes.INSTANCE_ID));
        }
        return new PlacementPolicy(new TaskPlacer(filters, rankers), problems);
    }

    private static Optional<FeasibilityFilter> memberOf(String expression) {
        if (expression == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MemberOfFilter(ClusterQueryParser.parse(expression), expression));
        } catch (ExpressionSyntaxException e) {
            return Optional.empty();
        }
    }

    /** The ranker of a strategy, or null when the strategy is not one berth knows. */
    private static Ranker ranker(PlacementStrategy strategy, String randomSeed) {
        String field = strategy.field();
        if (strategy.type() == null) {
            return null;
        }
        return switch (strategy.type()) {
            case random -> new RandomRanker(randomSeed);
            case binpack -> field == null ? null : switch (field.toLowerCase(Locale.ROOT)) {
                case "cpu" -> new BinpackRanker(BinpackRanker.Resource.cpu);
                case "memory" -> new BinpackRanker(BinpackRanker.Resource.memory);
                default -> null;
            };
            case spread -> {
                if ("instanceId".equals(field) || "host".equals(field)) {
                    yield new SpreadRanker(HostAttributes.INSTANCE_ID);
                }
                yield field != null && field.startsWith(ATTRIBUTE_PREFIX) && field.length() > ATTRIBUTE_PREFIX.length()
                        ? new SpreadRanker(field.substring(ATTRIBUTE_PREFIX.length())) : null;
            }
        };
    }
}
