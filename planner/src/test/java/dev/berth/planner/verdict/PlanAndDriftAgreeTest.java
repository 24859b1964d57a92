package dev.berth.planner.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.Planner;
import dev.berth.planner.drift.DriftDetector;
import dev.berth.planner.drift.DriftFinding;
import dev.berth.planner.expected.Definitions;
import dev.berth.planner.expected.ExpectedContainerConfig;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ContainerConfig;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedNetwork;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.canonical.Canonicalizer;
import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plan and drift read one verdict per task: for each way a task can look, the plan has changes
 * exactly when drift finds something, and the verdict says which kind it is.
 */
class PlanAndDriftAgreeTest {
    private static final ContainerDefinition MAIN = Definitions.container("main", "berth/busybox:1", List.of("sleep", "3600"),
            List.of(), List.of(), null, null, null);
    private static final ContainerDefinition SIDE = new ContainerDefinition("side", "berth/busybox:1", false,
            List.of("sh", "-c", "sleep 2; exit 1"), List.of(), List.of(), List.of(), List.of(), null, null, null, null,
            List.of(), List.of(), List.of(), null, null, null, null, null, List.of(), null, null, null, null, List.of(),
            List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null, null, null, null, null, null);
    private static final Stack STACK = Canonicalizer.canonicalize(new Stack(1, "shop", Map.of(),
            Map.of("main", new Cluster(List.of(new Host("a", "tcp://a:2376", Map.of(), null, null, null)))), Map.of(),
            Map.of("app", Definitions.task(256, 128, MAIN, SIDE)),
            Map.of("app", new Service("main", "app", 1, null, null, null, null, List.of(), List.of(), List.of(), null, null, null)),
            Map.of()));
    private static final TaskDefinition APP = STACK.taskDefinitions().get("app");
    private static final String HASH = ContentHash.of(APP);

    static Stream<Arguments> tasks() {
        return Stream.of(
                Arguments.of("as created", TaskVerdict.Kind.running, UnaryOperator.<ObservedContainer>identity(),
                        UnaryOperator.<ObservedContainer>identity()),
                Arguments.of("a non-essential sidecar exited 1", TaskVerdict.Kind.running,
                        UnaryOperator.<ObservedContainer>identity(), state("exited", null, 1)),
                Arguments.of("the essential container exited", TaskVerdict.Kind.stopped, state("exited", null, 137),
                        UnaryOperator.<ObservedContainer>identity()),
                Arguments.of("the essential container is unhealthy", TaskVerdict.Kind.unhealthy,
                        state("running", "unhealthy", null), UnaryOperator.<ObservedContainer>identity()),
                Arguments.of("its image was swapped by hand", TaskVerdict.Kind.edited, image("berth/busybox:9"),
                        UnaryOperator.<ObservedContainer>identity()),
                Arguments.of("its family label was changed", TaskVerdict.Kind.edited, label(BerthLabels.FAMILY, "api"),
                        UnaryOperator.<ObservedContainer>identity()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void thePlanChangesTheServiceExactlyWhenDriftFindsSomething(String how, TaskVerdict.Kind kind,
                                                                UnaryOperator<ObservedContainer> main,
                                                                UnaryOperator<ObservedContainer> side) {
        ObservedTask task = observedTask("app-1", main, side);
        ObservedState observed = new ObservedState("shop", List.of(new ObservedHost("main", "a", "tcp://a:2376", true,
                null, null)), List.of(task), List.of(new RevisionRecord("app", 1, HASH, CanonicalJson.write(APP),
                Instant.EPOCH)), List.of(new ObservedNetwork("a", "net", "berth-shop", null)), List.of());

        Plan plan = Planner.plan(STACK, observed);
        List<DriftFinding> drift = DriftDetector.detect(STACK, observed).findings();

        assertEquals(kind, new StackVerdicts(STACK, observed).of(task).kind());
        assertEquals(kind != TaskVerdict.Kind.running, plan.hasChanges(), plan.changes().toString());
        assertEquals(plan.hasChanges(), !drift.isEmpty(), drift.toString());
        if (plan.hasChanges()) {
            assertEquals(List.of("app-1"), plan.changes().stream().filter(c -> c.action() != Action.noop)
                    .flatMap(c -> c.service().placement().stops().stream()).map(s -> s.taskId()).toList());
        }
    }

    private static ObservedTask observedTask(String id, UnaryOperator<ObservedContainer> main,
                                     UnaryOperator<ObservedContainer> side) {
        List<ObservedContainer> containers = new ArrayList<>();
        containers.add(main.apply(observedContainer(id, MAIN, true)));
        containers.add(side.apply(observedContainer(id, SIDE, false)));
        return new ObservedTask(id, "main", "a", "app", "app", 1, HASH, containers);
    }

    private static ObservedContainer observedContainer(String task, ContainerDefinition definition, boolean essential) {
        Map<String, String> labels = new HashMap<>(Map.of(BerthLabels.STACK, "shop", BerthLabels.SERVICE, "app",
                BerthLabels.FAMILY, "app", BerthLabels.TASK, task, BerthLabels.SPEC_HASH, HASH,
                BerthLabels.CONTAINER, definition.name()));
        if (!essential) {
            labels.put(BerthLabels.ESSENTIAL, "false");
        }
        return new ObservedContainer(task + "-" + definition.name(), task + "-" + definition.name(), definition.name(),
                "running", null, null, labels, List.of(), ExpectedContainerConfig.of(APP, definition));
    }

    private static UnaryOperator<ObservedContainer> state(String state, String health, Integer exitCode) {
        return c -> new ObservedContainer(c.id(), c.dockerName(), c.containerName(), state, health, exitCode,
                c.labels(), c.ports(), c.config());
    }

    private static UnaryOperator<ObservedContainer> image(String image) {
        return c -> {
            ContainerConfig config = c.config();
            return new ObservedContainer(c.id(), c.dockerName(), c.containerName(), c.state(), c.health(),
                    c.exitCode(), c.labels(), c.ports(), new ContainerConfig(image, config.command(),
                    config.entryPoint(), config.environment(), config.memoryMiB(), config.memoryReservationMiB(),
                    config.cpuShares()));
        };
    }

    private static UnaryOperator<ObservedContainer> label(String name, String value) {
        return c -> {
            Map<String, String> labels = new HashMap<>(c.labels());
            labels.put(name, value);
            return new ObservedContainer(c.id(), c.dockerName(), c.containerName(), c.state(), c.health(),
                    c.exitCode(), labels, c.ports(), c.config());
        };
    }
}
