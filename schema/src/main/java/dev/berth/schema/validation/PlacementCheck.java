package dev.berth.schema.validation;

import dev.berth.schema.expression.ClusterQueryParser;
import dev.berth.schema.expression.ClusterQuerySyntaxException;
import dev.berth.schema.model.PlacementConstraint;
import dev.berth.schema.model.PlacementStrategy;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.List;
import java.util.Locale;

import static dev.berth.schema.source.SourceMap.child;

/**
 * Placement strategies have the field their type needs; constraints are memberOf with an
 * expression that parses, or distinctInstance without one; task definitions allow only memberOf,
 * as in ECS.
 */
final class PlacementCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.services().forEach((name, service) -> {
            String at = StackPointers.service(name);
            String owner = "service \"" + name + "\"";
            for (int i = 0; i < service.placementStrategy().size(); i++) {
                checkStrategy(owner, service.placementStrategy().get(i), child(at, "placementStrategy", i),
                        positions, out);
            }
            checkConstraints(owner, service.placementConstraints(), child(at, "placementConstraints"), true,
                    positions, out);
        });
        stack.taskDefinitions().forEach((family, task) -> checkConstraints("task definition \"" + family + "\"",
                task.placementConstraints(), child(StackPointers.taskDefinition(family), "placementConstraints"),
                false, positions, out));
    }

    private static void checkStrategy(String owner, PlacementStrategy strategy, String at, SourceMap positions,
                                      Diagnostics out) {
        String field = strategy.field();
        String problem = switch (strategy.type()) {
            case binpack -> field != null && List.of("cpu", "memory").contains(field.toLowerCase(Locale.ROOT)) ? null
                    : "binpack needs field cpu or memory";
            case spread -> field != null && (field.equals("instanceId") || field.equals("host")
                    || (field.startsWith("attribute:") && field.length() > "attribute:".length())) ? null
                    : "spread needs field instanceId, host or attribute:NAME";
            case random -> field == null ? null : "random takes no field";
        };
        if (problem != null) {
            String found = field == null ? "" : " (found \"" + field + "\")";
            out.error(positions.value(child(at, "field")), owner + " placementStrategy: " + problem + found);
        }
    }

    private static void checkConstraints(String owner, List<PlacementConstraint> constraints, String at,
                                         boolean distinctInstanceAllowed, SourceMap positions, Diagnostics out) {
        for (int i = 0; i < constraints.size(); i++) {
            PlacementConstraint constraint = constraints.get(i);
            String pointer = child(at, i);
            switch (constraint.type()) {
                case distinctInstance -> {
                    if (!distinctInstanceAllowed) {
                        out.error(positions.value(child(pointer, "type")), owner + " has a distinctInstance "
                                + "constraint, but task definitions only take memberOf; move it to the service");
                    } else if (constraint.expression() != null) {
                        out.error(positions.value(child(pointer, "expression")), owner
                                + " placement constraint distinctInstance takes no expression; remove it");
                    }
                }
                case memberOf -> checkExpression(owner, constraint.expression(), pointer, positions, out);
            }
        }
    }

    private static void checkExpression(String owner, String expression, String constraint, SourceMap positions,
                                        Diagnostics out) {
        if (expression == null) {
            out.error(positions.value(constraint), owner + " placement constraint memberOf needs an expression, "
                    + "for example \"attribute:zone == a\"");
            return;
        }
        String pointer = child(constraint, "expression");
        try {
            ClusterQueryParser.parse(expression);
        } catch (ClusterQuerySyntaxException e) {
            out.error(Positions.inside(positions, pointer, e.offset()), owner + " memberOf expression: "
                    + e.reason());
        }
    }
}
