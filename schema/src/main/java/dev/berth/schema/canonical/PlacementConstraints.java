package dev.berth.schema.canonical;

import dev.berth.schema.model.PlacementConstraint;

import java.util.Comparator;
import java.util.List;

/** Canonical placement constraints, shared by task definitions and services. */
final class PlacementConstraints {

    private static final Comparator<PlacementConstraint> ORDER =
            Sorted.<PlacementConstraint, PlacementConstraint.Type>by(PlacementConstraint::type)
                    .thenComparing(Sorted.by(PlacementConstraint::expression));

    private PlacementConstraints() {
    }

    /** Constraints are a conjunction, so their order carries no meaning. */
    static List<PlacementConstraint> canonicalize(List<PlacementConstraint> constraints) {
        return Sorted.list(constraints, PlacementConstraints::canonicalize, ORDER);
    }

    private static PlacementConstraint canonicalize(PlacementConstraint constraint) {
        return new PlacementConstraint(constraint.type(), normalizeExpression(constraint.expression()));
    }

    /** Whitespace in a cluster query expression only separates tokens. */
    static String normalizeExpression(String expression) {
        return expression == null ? null : expression.trim().replaceAll("\\s+", " ");
    }
}
