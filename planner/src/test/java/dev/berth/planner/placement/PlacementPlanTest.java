package dev.berth.planner.placement;

import static dev.berth.planner.fixtures.Observed.host;
import static dev.berth.planner.fixtures.Observed.unreachable;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.Planner;
import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.plan.ServicePlacement;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.model.Stack;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placement through the whole planner: stacks as users write them, problems as users read them. */
class PlacementPlanTest {
    @TempDir
    Path dir;

    /** Three hosts h1..h3 in zones a, b, c (and h4 in zone a when four are asked for). */
    private Stack stack(int desiredCount, String image, String placement) throws IOException {
        return stack(desiredCount, image, placement, "");
    }

    private Stack stack(int desiredCount, String image, String placement, String taskPlacement) throws IOException {
        String yaml = """
                version: 1
                stack: shop
                clusters:
                  main:
                    hosts:
                      - {name: h1, endpoint: "tcp://h1:2376", attributes: {zone: a}}
                      - {name: h2, endpoint: "tcp://h2:2376", attributes: {zone: b}}
                      - {name: h3, endpoint: "tcp://h3:2376", attributes: {zone: c}}
                      - {name: h4, endpoint: "tcp://h4:2376", attributes: {zone: a}}
                taskDefinitions:
                  web:
                    cpu: 256
                    memory: 1024
                %s
                    containerDefinitions:
                      - {name: app, image: "%s"}
                services:
                  web:
                    cluster: main
                    taskDefinition: web
                    desiredCount: %d
                %s
                """.formatted(taskPlacement.indent(4), image, desiredCount, placement.indent(4));
        LoadedStack loaded = StackLoader.load(Files.writeString(dir.resolve("stack.yaml"), yaml), VariableInputs.none());
        if (!loaded.valid()) {
            throw new IllegalStateException(loaded.diagnostics().toString());
        }
        return loaded.canonical();
    }

    private static ServicePlacement placement(Plan plan) {
        return plan.changes().stream().filter(c -> c.address().name().equals("web") && c.service() != null)
                .map(c -> c.service().placement()).findFirst().orElseThrow();
    }

    private static Reason unplaceable(int tasks, String... rejections) {
        return Reason.of(ReasonCode.TASKS_UNPLACEABLE, "tasks", tasks, "service", "web", "rejections", List.of(rejections));
    }

    private static Map<String, Integer> after(Plan plan) {
        return placement(plan).hosts().stream().collect(Collectors.toMap(ServicePlacement.HostCount::host,
                ServicePlacement.HostCount::after, (a, b) -> a, TreeMap::new));
    }

    private static ObservedHost[] fourHosts(int memoryGiB) {
        return new ObservedHost[] {host("h1", 2, memoryGiB), host("h2", 2, memoryGiB), host("h3", 2, memoryGiB),
                host("h4", 2, memoryGiB)};
    }

    @Test
    void spreadByZoneThenInstanceBalancesZonesAndHosts() throws IOException {
        Stack stack = stack(6, "example/web:1",
                "placementStrategy: [{type: spread, field: \"attribute:zone\"}, {type: spread, field: instanceId}]");

        Plan plan = Planner.plan(stack, Observed.hosts(fourHosts(8)));

        assertEquals(Map.of("h1", 1, "h2", 2, "h3", 2, "h4", 1), after(plan));
        assertEquals(List.of(), plan.problems());
    }

    @Test
    void distinctInstanceRefusesTheTaskNoHostCanTake() throws IOException {
        Stack stack = stack(5, "example/web:1", "placementConstraints: [{type: distinctInstance}]");

        Plan plan = Planner.plan(stack, Observed.hosts(host("h1", 2, 8), host("h2", 2, 8), host("h3", 2, 8),
                unreachable("h4")));

        assertEquals(Map.of("h1", 1, "h2", 1, "h3", 1), after(plan));
        assertEquals(List.of(unplaceable(2, "h1: already runs a task of web (distinctInstance)",
                "h2: already runs a task of web (distinctInstance)", "h3: already runs a task of web (distinctInstance)",
                "h4: unreachable")), plan.problems());
    }

    @Test
    void memberOfKeepsTasksOffOtherHostsAndTheProblemNamesThem() throws IOException {
        Stack stack = stack(5, "example/web:1",
                "placementConstraints: [{type: memberOf, expression: \"attribute:zone in [a, b]\"}]");

        Plan plan = Planner.plan(stack, Observed.hosts(fourHosts(2)));

        assertEquals(Map.of("h1", 2, "h2", 2, "h4", 1), after(plan));
        assertEquals(List.of(), plan.problems());
        Plan tooMany = Planner.plan(stack(7, "example/web:1",
                "placementConstraints: [{type: memberOf, expression: \"attribute:zone in [a, b]\"}]"),
                Observed.hosts(fourHosts(2)));
        assertEquals(List.of(unplaceable(1, "h1: 0 MiB memory free, needs 1024", "h2: 0 MiB memory free, needs 1024",
                "h3: fails memberOf(attribute:zone in [a, b])", "h4: 0 MiB memory free, needs 1024")),
                tooMany.problems());
    }

    @Test
    void binpackFillsTheFirstHostBeforeTheNext() throws IOException {
        Stack stack = stack(5, "example/web:1", "placementStrategy: [{type: binpack, field: memory}]");

        Plan plan = Planner.plan(stack, Observed.hosts(fourHosts(2)));

        assertEquals(Map.of("h1", 2, "h2", 2, "h3", 1), after(plan));
    }

    @Test
    void scaleInKeepsTheZonesBalanced() throws IOException {
        String spread = "placementStrategy: [{type: spread, field: \"attribute:zone\"}]";
        ObservedState running = Observed.deployed(stack(6, "example/web:1", spread), fourHosts(8));

        Plan plan = Planner.plan(stack(3, "example/web:1", spread), running);

        Map<String, Integer> after = after(plan);
        assertEquals(1, after.getOrDefault("h1", 0) + after.getOrDefault("h4", 0), "zone a: " + after);
        assertEquals(1, after.get("h2"));
        assertEquals(1, after.get("h3"));
    }

    @Test
    void replacementNeedsRoomForTheNewTasksBesideTheOldOnes() throws IOException {
        ObservedState running = Observed.deployed(stack(2, "example/web:1", ""), host("h1", 2, 1), host("h2", 2, 2));

        Plan plan = Planner.plan(stack(2, "example/web:2", ""), running);

        assertEquals(List.of("h2"), placement(plan).starts().stream().map(ServicePlacement.TaskStart::host).toList());
        assertEquals(List.of(unplaceable(1, "h1: 0 MiB memory free, needs 1024", "h2: 0 MiB memory free, needs 1024")),
                plan.problems());
    }

    @Test
    void memberOfOnTheTaskDefinitionAppliesToo() throws IOException {
        Stack stack = stack(3, "example/web:1", "",
                "placementConstraints: [{type: memberOf, expression: \"attribute:zone == a\"}]");

        Plan plan = Planner.plan(stack, Observed.hosts(fourHosts(8)));

        assertEquals(Map.of("h1", 2, "h4", 1), after(plan));
    }

    /** web (and api, when it has tasks) publishing fixed host port 8080 on h1..h4. */
    private Stack fixedPort(int web, String image, String deployment, int api) throws IOException {
        String yaml = """
                version: 1
                stack: shop
                clusters:
                  main:
                    hosts:
                      - {name: h1, endpoint: "tcp://h1:2376"}
                      - {name: h2, endpoint: "tcp://h2:2376"}
                      - {name: h3, endpoint: "tcp://h3:2376"}
                      - {name: h4, endpoint: "tcp://h4:2376"}
                taskDefinitions:
                  web:
                    containerDefinitions:
                      - name: app
                        image: "%s"
                        portMappings: [{containerPort: 80, hostPort: 8080}]
                  api:
                    containerDefinitions:
                      - name: app
                        image: example/api:1
                        portMappings: [{containerPort: 80, hostPort: 8080}]
                services:
                  web:
                    cluster: main
                    taskDefinition: web
                    desiredCount: %d
                    deploymentConfiguration: %s
                  api:
                    cluster: main
                    taskDefinition: api
                    desiredCount: %d
                    deploymentConfiguration: {minimumHealthyPercent: 0, maximumPercent: 100}
                """.formatted(image, web, deployment, api);
        LoadedStack loaded = StackLoader.load(Files.writeString(dir.resolve("stack.yaml"), yaml), VariableInputs.none());
        if (!loaded.valid()) {
            throw new IllegalStateException(loaded.diagnostics().toString());
        }
        return loaded.canonical();
    }

    /**
     * Walks web's rollout as the executor does (each step: its starts, then its stops) and fails
     * when a task starts on a host where a task of the stack still holds port 8080.
     */
    private static void assertEveryStartFindsThePortFree(Plan plan, ObservedState before) {
        ServicePlacement placement = placement(plan);
        Map<String, String> holders = new TreeMap<>();
        before.tasks().forEach(t -> holders.put(t.taskId(), t.host()));
        var starts = placement.starts().iterator();
        var stops = placement.stops().iterator();
        var web = plan.changes().stream().filter(c -> c.address().name().equals("web") && c.service() != null)
                .findFirst().orElseThrow();
        for (var step : web.service().rollout().steps()) {
            for (int i = 0; i < step.start(); i++) {
                ServicePlacement.TaskStart start = starts.next();
                assertEquals(false, holders.containsValue(start.host()),
                        start.taskId() + " starts on " + start.host() + " while " + holders + " run");
                holders.put(start.taskId(), start.host());
            }
            for (int i = 0; i < step.stop(); i++) {
                holders.remove(stops.next().taskId());
            }
        }
    }

    @Test
    void aStopFirstRolloutStartsEachFixedPortTaskOnTheHostAnOldOneJustLeft() throws IOException {
        String stopFirst = "{minimumHealthyPercent: 50, maximumPercent: 100}";
        ObservedState running = Observed.deployed(fixedPort(4, "example/web:1", stopFirst, 0), fourHosts(8));

        Plan plan = Planner.plan(fixedPort(4, "example/web:2", stopFirst, 0), running);

        assertEquals(List.of(), plan.problems());
        assertEquals(Map.of("h1", 1, "h2", 1, "h3", 1, "h4", 1), after(plan));
        assertEveryStartFindsThePortFree(plan, running);
    }

    @Test
    void aStartFirstRolloutPutsFixedPortTasksWhereThePortIsFreeNow() throws IOException {
        String startFirst = "{minimumHealthyPercent: 100, maximumPercent: 200}";
        ObservedState running = Observed.deployed(fixedPort(2, "example/web:1", startFirst, 0), fourHosts(8));

        Plan plan = Planner.plan(fixedPort(2, "example/web:2", startFirst, 0), running);

        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("h3", "h4"), placement(plan).starts().stream().map(ServicePlacement.TaskStart::host).toList());
        assertEveryStartFindsThePortFree(plan, running);
    }

    @Test
    void aHostWhereAnotherServiceHoldsTheFixedPortIsRejectedForIt() throws IOException {
        ObservedState web = Observed.deployed(fixedPort(2, "example/web:1", "{}", 0), fourHosts(8));

        Plan plan = Planner.plan(fixedPort(2, "example/web:1", "{}", 3), web);

        Map<String, Integer> api = plan.changes().stream()
                .filter(c -> c.address().name().equals("api") && c.service() != null)
                .findFirst().orElseThrow().service().placement().hosts().stream()
                .collect(Collectors.toMap(ServicePlacement.HostCount::host, ServicePlacement.HostCount::after));
        assertEquals(Map.of("h3", 1, "h4", 1), api);
        assertEquals(List.of(Reason.of(ReasonCode.TASKS_UNPLACEABLE, "tasks", 1, "service", "api", "rejections",
                List.of("h1: host port 8080/tcp already taken", "h2: host port 8080/tcp already taken",
                        "h3: host port 8080/tcp already taken", "h4: host port 8080/tcp already taken"))),
                plan.problems());
    }

    @Test
    void anUnhealthyTaskMakesRoomForItsReplacementOnItsOwnHost() throws IOException {
        Stack stack = stack(3, "example/web:1", "placementConstraints: [{type: distinctInstance}]");
        ObservedState deployed = Observed.deployed(stack, host("h1", 2, 8), host("h2", 2, 8), host("h3", 2, 8),
                unreachable("h4"));
        ObservedState sick = Observed.mapTasks(deployed, t -> t.host().equals("h2"), t -> Observed.withHealth(t, "unhealthy"));

        Plan plan = Planner.plan(stack, sick);

        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("h2"), placement(plan).starts().stream().map(ServicePlacement.TaskStart::host).toList());
    }
}
