package dev.berth.planner;

import static dev.berth.planner.fixtures.Observed.deployed;
import static dev.berth.planner.fixtures.Observed.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.fixtures.Stacks;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedNetwork;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ContainerConfig;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.NetworkDetail;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.plan.Rollout;
import dev.berth.planner.plan.ServicePlacement;
import dev.berth.schema.model.Stack;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final ObservedHost[] HOSTS = {host("h1", 2, 4), host("h2", 2, 4), host("h3", 2, 4)};

    private static Stacks.Builder shop() {
        return Stacks.stack("h1", "h2", "h3").namespace("internal").loadBalancer("public", 80)
                .service("web", "web:1", 3).service("worker", "worker:1", 2);
    }

    private static PlannedChange change(Plan plan, String address) {
        Address wanted = Address.parse(address);
        return plan.changes().stream().filter(c -> c.address().equals(wanted)).findFirst().orElseThrow();
    }

    private static List<PlannedChange> changed(Plan plan) {
        return plan.changes().stream().filter(c -> c.action() != Action.noop).toList();
    }

    @Test
    void aNewStackCreatesEverythingInAddressOrder() {
        Plan plan = Planner.plan(shop().build(), Observed.hosts(HOSTS));

        assertEquals(List.of("cluster.main", "namespace.internal", "taskDefinition.web", "taskDefinition.worker",
                        "loadBalancer.public", "service.web", "service.worker"),
                plan.changes().stream().map(c -> c.address().toString()).toList());
        assertTrue(plan.changes().stream().allMatch(c -> c.action() == Action.create));
        PlannedChange web = change(plan, "service.web");
        assertEquals(List.of(Reason.of(ReasonCode.SERVICE_NEW, "tasks", 3, "revision", "web:1")), web.reasons());
        assertEquals("new service: start 3 tasks of web:1", web.reasons().getFirst().message());
        assertEquals(List.of("h1", "h2", "h3"), web.service().placement().starts().stream().map(ServicePlacement.TaskStart::host).toList());
        assertEquals(List.of(new Rollout.Step(3, 0)), web.service().rollout().steps());
        assertEquals(List.of(), plan.problems());
    }

    @Test
    void theStateAPlanLeadsToPlansToNothing() {
        Stack stack = shop().build();
        ObservedState state = deployed(stack, HOSTS);

        Plan plan = Planner.plan(stack, state);

        assertEquals(List.of(), changed(plan));
        assertEquals(7, plan.changes().size());
        assertFalse(plan.hasChanges());
    }

    @Test
    void anImageChangeRegistersANewRevisionAndReplacesTasksInOneBatch() {
        ObservedState state = deployed(shop().build(), HOSTS);
        Stack changedImage = shop().service("web", "web:2", 3).build();

        Plan plan = Planner.plan(changedImage, state);

        PlannedChange definition = change(plan, "taskDefinition.web");
        assertEquals(Action.update, definition.action());
        assertEquals(List.of(new AttributeChange("containerDefinitions.app.image", "web:1", "web:2", false)),
                definition.attributes());
        PlannedChange web = change(plan, "service.web");
        assertEquals(Action.replace, web.action());
        assertEquals(List.of(Reason.of(ReasonCode.IMAGE_CHANGED, "tasks", 3, "from", List.of("web:1"), "to", "web:2")),
                web.reasons());
        assertEquals("image changed: rolling replacement of 3 tasks", web.reasons().getFirst().message());
        assertEquals(new Rollout(100, 200, List.of(new Rollout.Step(3, 3))), web.service().rollout());
        assertEquals(List.of(2, 2, 2), web.service().placement().starts().stream().map(ServicePlacement.TaskStart::revision).toList());
        assertEquals(3, web.service().placement().stops().size());
        assertEquals(List.of(definition, web), changed(plan));
    }

    @Test
    void aReplacementWithHalfTheTasksHealthyStopsFirst() {
        Stack before = shop().service("web", "web:1", 4).build();
        ObservedState state = deployed(before, HOSTS);
        Stack after = shop().service("web", "web:2", 4)
                .service("web", Stacks.service("web", 4, 50, 100)).build();

        PlannedChange web = change(Planner.plan(after, state), "service.web");

        assertEquals(List.of(new Rollout.Step(0, 2), new Rollout.Step(2, 2), new Rollout.Step(2, 0)),
                web.service().rollout().steps());
    }

    @Test
    void aDesiredCountChangeStartsTasksWithoutTouchingRunningOnes() {
        ObservedState state = deployed(shop().build(), HOSTS);

        Plan plan = Planner.plan(shop().service("web", "web:1", 5).build(), state);

        PlannedChange web = change(plan, "service.web");
        assertEquals(Action.update, web.action());
        assertEquals(List.of(Reason.of(ReasonCode.COUNT_INCREASED, "from", 3, "to", 5, "tasks", 2)), web.reasons());
        assertEquals(List.of(new AttributeChange("desiredCount", 3, 5, false)), web.attributes());
        assertEquals(List.of(), web.service().placement().stops());
        assertEquals(2, web.service().placement().starts().size());
        assertEquals(List.of(web), changed(plan));
    }

    @Test
    void scalingInStopsFromTheBusiestHostFirst() {
        ObservedState state = deployed(shop().service("web", "web:1", 5).build(), HOSTS);

        PlannedChange web = change(Planner.plan(shop().service("web", "web:1", 2).build(), state), "service.web");

        assertEquals(List.of(Reason.of(ReasonCode.COUNT_DECREASED, "from", 5, "to", 2, "tasks", 3)), web.reasons());
        assertEquals(List.of(), web.service().placement().starts());
        List<ServicePlacement.HostCount> counts = web.service().placement().hosts();
        assertEquals(List.of(new ServicePlacement.HostCount("h1", 2, 1), new ServicePlacement.HostCount("h2", 2, 1),
                new ServicePlacement.HostCount("h3", 1, 0)), counts);
    }

    @Test
    void aServiceRemovedFromTheStackIsDeleted() {
        ObservedState state = deployed(shop().build(), HOSTS);
        Stacks.Builder withoutWorker = Stacks.stack("h1", "h2", "h3").namespace("internal").loadBalancer("public", 80)
                .service("web", "web:1", 3);

        Plan plan = Planner.plan(withoutWorker.build(), state);

        PlannedChange worker = change(plan, "service.worker");
        assertEquals(Action.delete, worker.action());
        assertEquals(2, worker.service().placement().stops().size());
        assertEquals(List.of(worker), changed(plan));
    }

    @Test
    void aDeadTaskOfAnInSyncServiceIsRemovedAndReplaced() {
        ObservedState healthy = deployed(shop().build(), HOSTS);
        String victim = healthy.tasks().stream().filter(t -> t.service().equals("web")).findFirst().orElseThrow().taskId();
        ObservedState state = Observed.mapTasks(healthy, t -> t.taskId().equals(victim), t -> Observed.exited(t, 137));

        PlannedChange web = change(Planner.plan(shop().build(), state), "service.web");

        assertEquals(Action.update, web.action());
        assertEquals(List.of(Reason.of(ReasonCode.STOPPED_REPLACED, "tasks", 1, "replacements", 1)), web.reasons());
        assertEquals(List.of(new ServicePlacement.TaskStop(victim, web.service().placement().stops().get(0).host(), 1,
                Reason.of(ReasonCode.TASK_STOPPED, "containers", List.of("app exited (code 137)")))),
                web.service().placement().stops());
        assertEquals("stopped: app exited (code 137)", web.service().placement().stops().getFirst().why().message());
        assertEquals(1, web.service().placement().starts().size());
        assertNotEquals(victim, web.service().placement().starts().get(0).taskId());
    }

    @Test
    void anUnhealthyTaskIsReplacedBeforeItStopsWhereMaximumPercentLeavesRoomAndAfterWhereItDoesNot() {
        ObservedState healthy = deployed(shop().build(), HOSTS);
        String victim = healthy.tasks().stream().filter(t -> t.service().equals("web")).findFirst().orElseThrow().taskId();
        ObservedState state = Observed.mapTasks(healthy, t -> t.taskId().equals(victim),
                t -> Observed.withHealth(t, "unhealthy"));

        PlannedChange web = change(Planner.plan(shop().build(), state), "service.web");
        assertEquals(List.of(Reason.of(ReasonCode.UNHEALTHY_REPLACED, "tasks", 1, "replacements", 1)), web.reasons());
        assertEquals(List.of(new Rollout.Step(1, 1)), web.service().rollout().steps(), "start 1, then stop 1");
        assertEquals(victim, web.service().placement().stops().getFirst().taskId());
        int before = web.service().placement().hosts().stream().mapToInt(ServicePlacement.HostCount::before).sum();
        assertEquals(3, before, "the unhealthy task runs until its step stops it");

        Stack noRoom = shop().service("web", Stacks.service("web:1", 3, 50, 100)).build();
        PlannedChange stopFirst = change(Planner.plan(noRoom, state), "service.web");
        assertEquals(List.of(new Rollout.Step(0, 1), new Rollout.Step(1, 0)), stopFirst.service().rollout().steps(),
                "maximumPercent 100: stop it, then start its replacement");
    }

    @Test
    void aPinnedRevisionKeepsTasksOnItWhileTheFamilyMovesOn() {
        ObservedState state = deployed(shop().build(), HOSTS);
        Stack pinned = shop().service("web", "web:2", 3).service("web", Stacks.service("web:1", 3)).build();

        Plan plan = Planner.plan(pinned, state);

        assertEquals(Action.update, change(plan, "taskDefinition.web").action());
        assertEquals(Action.noop, change(plan, "service.web").action());
        assertEquals(List.of(), plan.problems());
    }

    @Test
    void aPinToAnUnrecordedRevisionIsAProblem() {
        ObservedState state = deployed(shop().build(), HOSTS);

        Plan plan = Planner.plan(shop().service("web", Stacks.service("web:7", 3)).build(), state);

        assertEquals(List.of(Reason.of(ReasonCode.PINNED_REVISION_MISSING, "service", "web", "revision", "web:7",
                "recorded", "only revision 1 exists")), plan.problems());
    }

    @Test
    void tasksOnAnUnreachableHostAreNeitherCountedNorReplaced() {
        Stack stack = shop().build();
        ObservedState state = Observed.withUnreachable(deployed(stack, HOSTS), "h3");
        Set<String> onH3 = state.tasks().stream().filter(t -> t.host().equals("h3"))
                .map(ObservedTask::taskId).collect(Collectors.toSet());

        Plan plan = Planner.plan(stack, state);

        // Worker's two tasks spread to h1 and h2; only web has a task on h3.
        assertEquals(List.of(), changed(plan));
        assertEquals(1, onH3.size());
        assertEquals(List.of(
                Reason.of(ReasonCode.HOST_UNREACHABLE, "host", "h3", "cluster", "main", "error", "connection refused"),
                Reason.of(ReasonCode.LOST_KEPT, "service", "web", "tasks", 1, "hosts", List.of("h3"),
                        "lost", List.copyOf(onH3))),
                plan.warnings());
        assertEquals("service \"web\": 1 task lost on h3 (unreachable); run with --replace-lost to start replacements "
                + "elsewhere (lost: " + onH3.iterator().next() + ")", plan.warnings().getLast().message());
    }

    @Test
    void tasksThatFitNowhereAreAProblemThatSaysWhyHostByHost() {
        ObservedState state = Observed.hosts(host("h1", 2, 1), Observed.unreachable("h2"));
        Stack stack = Stacks.stack("h1", "h2").taskDefinition("web", Stacks.definition("web:1", 256, 512, List.of(), List.of()))
                .service("web", Stacks.service("web", 3)).build();

        Plan plan = Planner.plan(stack, state);

        assertEquals(List.of(Reason.of(ReasonCode.TASKS_UNPLACEABLE, "tasks", 1, "service", "web",
                "rejections", List.of("h1: 0 MiB memory free, needs 512", "h2: unreachable"))), plan.problems());
        assertEquals("1 task of service web cannot be placed: h1: 0 MiB memory free, needs 512; h2: unreachable",
                plan.problems().getFirst().message());
    }

    @Test
    void theSameInputsGiveEqualPlansAndStableTaskIds() {
        Stack stack = shop().service("web", "web:2", 3).build();
        ObservedState state = deployed(shop().build(), HOSTS);

        Plan first = Planner.plan(stack, state);
        Plan second = Planner.plan(stack, state);

        assertEquals(first, second);
        List<String> ids = change(first, "service.web").service().placement().starts().stream()
                .map(ServicePlacement.TaskStart::taskId).toList();
        assertTrue(ids.stream().allMatch(id -> id.matches("web-2-[0-9a-f]{6}")), ids.toString());
        assertEquals(3, Set.copyOf(ids).size());
    }

    @Test
    void aNetworkThatOnlyCarriesTheStacksLabelIsNotTheStackNetwork() {
        ObservedState deployed = deployed(shop().build(), HOSTS);
        List<ObservedNetwork> networks = deployed.networks().stream()
                .map(n -> n.namespace() == null && n.host().equals("h2")
                        ? new ObservedNetwork("h2", "net-other", "floor-shop", null) : n)
                .toList();
        ObservedState renamed = new ObservedState(deployed.stack(), deployed.hosts(), deployed.tasks(),
                deployed.revisions(), networks, deployed.loadBalancers());

        PlannedChange cluster = change(Planner.plan(shop().build(), renamed), "cluster.main");

        assertEquals(Action.create, cluster.action());
        assertEquals(new NetworkDetail("berth-shop", null, List.of(new HostRef("main", "h2"))), cluster.detail());
    }

    @Test
    void networksAndLoadBalancersFollowTheStack() {
        ObservedState state = deployed(shop().build(), HOSTS);
        Stack changed = Stacks.stack("h1", "h2", "h3").namespace("payments").loadBalancer("public", 8080)
                .service("web", "web:1", 3).service("worker", "worker:1", 2).build();

        Plan plan = Planner.plan(changed, state);

        assertEquals(Action.noop, change(plan, "cluster.main").action());
        assertEquals(Action.create, change(plan, "namespace.payments").action());
        PlannedChange internal = change(plan, "namespace.internal");
        assertEquals(List.of(Reason.of(ReasonCode.NETWORK_UNDECLARED, "network", "berth-shop-internal",
                "hosts", List.of("h1", "h2", "h3"))), internal.reasons());
        assertEquals(new NetworkDetail("berth-shop-internal", "internal", List.of(new HostRef("main", "h1"),
                new HostRef("main", "h2"), new HostRef("main", "h3"))), internal.detail());
        assertEquals(Action.delete, change(plan, "namespace.internal").action());
        PlannedChange publicLb = change(plan, "loadBalancer.public");
        assertEquals(Action.update, publicLb.action());
        assertEquals(List.of(Reason.of(ReasonCode.LOAD_BALANCER_CHANGED, "hosts", List.of("h1"))), publicLb.reasons());
    }

    @Test
    void aTaskEditedByHandIsReplacedSoApplyRepairsWhatDriftFinds() {
        Stack stack = shop().build();
        ObservedState deployed = deployed(stack, HOSTS);
        String edited = deployed.tasks().stream().filter(t -> t.service().equals("worker")).findFirst()
                .orElseThrow().taskId();
        ObservedState handEdited = Observed.mapTasks(deployed, t -> t.taskId().equals(edited),
                t -> new ObservedTask(t.taskId(), t.cluster(), t.host(), t.service(), t.family(), t.revision(),
                        t.specHash(), t.containers().stream().map(c -> new ObservedContainer(c.id(), c.dockerName(),
                                c.containerName(), c.state(), c.health(), c.exitCode(), c.labels(), c.ports(),
                                new ContainerConfig("elsewhere/worker:9", List.of(), List.of(), Map.of(), null, null,
                                        null))).toList()));

        PlannedChange worker = change(Planner.plan(stack, handEdited), "service.worker");

        assertEquals(Action.replace, worker.action());
        assertEquals(ReasonCode.TASKS_EDITED, worker.reasons().getFirst().code());
        assertTrue(worker.reasons().getFirst().message().startsWith("1 task edited by hand (container "),
                worker.reasons().toString());
        assertEquals(List.of(edited), worker.service().placement().stops().stream().map(ServicePlacement.TaskStop::taskId).toList());
        assertEquals(ReasonCode.TASK_EDITED, worker.service().placement().stops().getFirst().why().code());
        assertEquals(List.of(), worker.attributes(), "the revision itself does not change");
    }

    @Test
    void aTaskWithoutASpecHashLabelIsReplacedForAnUnknownReason() {
        Stack stack = shop().build();
        ObservedState unlabelled = Observed.mapTasks(deployed(stack, HOSTS), t -> t.service().equals("worker"),
                t -> new ObservedTask(t.taskId(), t.cluster(), t.host(), t.service(), t.family(), 0, null, t.containers()));

        PlannedChange worker = change(Planner.plan(stack, unlabelled), "service.worker");

        assertEquals(Action.replace, worker.action());
        assertEquals(List.of(Reason.of(ReasonCode.DEFINITION_CHANGED, "tasks", 2, "from", List.of("worker:0"),
                "to", "worker:1", "changed", List.of("task definition"))), worker.reasons());
        assertEquals("task definition changed: rolling replacement of 2 tasks", worker.reasons().getFirst().message());
    }

    @Test
    void aDeploymentConfigurationWithoutRoomIsAProblem() {
        ObservedState state = deployed(shop().build(), HOSTS);
        Stack noRoom = shop().service("web", "web:2", 3).service("web", Stacks.service("web", 3, 100, 100)).build();

        Plan plan = Planner.plan(noRoom, state);

        assertEquals(List.of(Reason.of(ReasonCode.ROLLOUT_STALLED, "service", "web", "minimumHealthyPercent", 100,
                "maximumPercent", 100, "pending", "replace 3 old tasks", "desired", 3, "maxRunning", 3,
                "minHealthy", 3)), plan.problems());
        assertEquals("service \"web\": minimumHealthyPercent 100 and maximumPercent 100 leave no room to "
                + "replace 3 old tasks with desiredCount 3 (at most 3 running, at least 3 healthy)",
                plan.problems().getFirst().message());
    }
}
