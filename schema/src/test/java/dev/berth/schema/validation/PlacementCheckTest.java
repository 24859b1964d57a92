package dev.berth.schema.validation;

import org.junit.jupiter.api.Test;

import static dev.berth.schema.model.PlacementConstraint.Type.distinctInstance;
import static dev.berth.schema.model.PlacementConstraint.Type.memberOf;
import static dev.berth.schema.model.PlacementStrategy.Type.binpack;
import static dev.berth.schema.model.PlacementStrategy.Type.random;
import static dev.berth.schema.model.PlacementStrategy.Type.spread;
import static dev.berth.schema.validation.Findings.assertExactly;
import static dev.berth.schema.validation.StackFixture.container;
import static dev.berth.schema.validation.StackFixture.service;
import static dev.berth.schema.validation.StackFixture.task;

class PlacementCheckTest {

    @Test
    void strategiesNeedTheFieldOfTheirType() {
        StackFixture stack = StackFixture.minimal();
        stack.services.put("web", service("main", "web")
                .strategy(binpack, "MEMORY").strategy(spread, "attribute:zone").strategy(spread, "host")
                .strategy(random, null)
                .strategy(binpack, "disk").strategy(spread, null).strategy(spread, "attribute:")
                .strategy(random, "cpu").build());
        assertExactly(Findings.of(new PlacementCheck(), stack.build()),
                "/services/web/placementStrategy/4/field :: binpack needs field cpu or memory (found \"disk\")",
                "/services/web/placementStrategy/5 :: spread needs field instanceId, host or attribute:NAME",
                "/services/web/placementStrategy/6/field :: spread needs field instanceId, host or attribute:NAME "
                        + "(found \"attribute:\")",
                "/services/web/placementStrategy/7/field :: random takes no field (found \"cpu\")");
    }

    @Test
    void constraintsAndMemberOfExpressions() {
        StackFixture stack = StackFixture.minimal();
        stack.taskDefinitions.put("web", task().container(container("app"))
                .constraint(distinctInstance, null).constraint(memberOf, "attribute:zone in [a, b").build());
        stack.services.put("web", service("main", "web")
                .constraint(distinctInstance, null).constraint(memberOf, "attribute:zone == a")
                .constraint(memberOf, null).constraint(memberOf, "attribute:zone =< a")
                .constraint(distinctInstance, "attribute:zone == a").build());
        assertExactly(Findings.of(new PlacementCheck(), stack.build()),
                "/taskDefinitions/web/placementConstraints/0/type :: task definitions only take memberOf",
                "/taskDefinitions/web/placementConstraints/1/expression +23 :: task definition \"web\" memberOf "
                        + "expression: expected \"]\" to close the list",
                "/services/web/placementConstraints/2 :: memberOf needs an expression",
                "/services/web/placementConstraints/3/expression +15 :: unknown operator \"=<\"; expected ==, !=, in, "
                        + "not in, =~, !~ or exists",
                "/services/web/placementConstraints/4/expression :: distinctInstance takes no expression");
    }
}
