package dev.berth.planner;

import static dev.berth.planner.fixtures.Observed.deployed;
import static dev.berth.planner.fixtures.Observed.host;
import static dev.berth.planner.fixtures.Stacks.dependingOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.fixtures.Stacks;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.schema.model.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceOrderTest {
    private static final ObservedHost[] HOSTS = {host("h1", 2, 4), host("h2", 2, 4)};

    /** web waits for api and db, api for db. */
    private static Stacks.Builder shop(String webImage) {
        Stacks.Builder stack = Stacks.stack("h1", "h2").service("db", "db:1", 1).service("api", "api:1", 1)
                .service("web", webImage, 2);
        Stack plain = stack.build();
        return stack.service("api", dependingOn(plain.services().get("api"), "db"))
                .service("web", dependingOn(plain.services().get("web"), "api", "db"));
    }

    private static PlannedChange change(Plan plan, String service) {
        return plan.changes().stream().filter(c -> c.address().equals(new Address(Address.Kind.service, service)))
                .findFirst().orElseThrow();
    }

    @Test
    void eachServiceChangeNamesTheDeploymentsOfThePlanItWaitsFor() {
        Plan plan = Planner.plan(shop("web:1").build(), Observed.hosts(HOSTS));

        assertEquals(List.of(), change(plan, "db").service().after());
        assertEquals(List.of("db"), change(plan, "api").service().after());
        assertEquals(List.of("api", "db"), change(plan, "web").service().after());
    }

    @Test
    void aDependencyThePlanLeavesAloneIsNoWait() {
        Plan plan = Planner.plan(shop("web:2").build(), deployed(shop("web:1").build(), HOSTS));

        assertEquals(Action.noop, change(plan, "db").action());
        assertEquals(Action.replace, change(plan, "web").action());
        assertEquals(List.of(), change(plan, "web").service().after());
    }

    @Test
    void dependsOnAloneChangesNothing() {
        Stack unordered = Stacks.stack("h1", "h2").service("db", "db:1", 1).service("api", "api:1", 1)
                .service("web", "web:1", 2).build();

        assertFalse(Planner.plan(shop("web:1").build(), deployed(unordered, HOSTS)).hasChanges(),
                "ordering only: no task starts or stops");
    }
}
