package dev.berth.planner.drift;

import dev.berth.planner.expected.ExpectedContainerConfig;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ContainerConfig;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedNetwork;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.planner.plan.Address;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.canonical.Canonicalizer;
import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.berth.planner.expected.Definitions.container;
import static dev.berth.planner.expected.Definitions.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftDetectorTest {
    private static final Stack STACK = Canonicalizer.canonicalize(new Stack(1, "shop", Map.of(),
            Map.of("main", new Cluster(List.of(new Host("a", "tcp://a:2376", Map.of(), null, null, null),
                    new Host("b", "tcp://b:2376", Map.of(), null, null, null)))),
            Map.of(),
            Map.of("web", task(256, 128, container("app", "berth/busybox:1", List.of("httpd"),
                    List.of(new KeyValuePair("GREETING", "hi")), List.of(), null, null, null))),
            Map.of("web", new Service("main", "web", 2, null, null, null, null, List.of(), List.of(), List.of(), null, null, null)),
            Map.of()));
    private static final TaskDefinition WEB = STACK.taskDefinitions().get("web");
    private static final String HASH = ContentHash.of(WEB);
    private static final ObservedHost A = new ObservedHost("main", "a", "tcp://a:2376", true, null, null);
    private static final ObservedHost B = new ObservedHost("main", "b", "tcp://b:2376", true, null, null);

    @Test
    void tasksAsDeclaredAreInSync() {
        DriftReport report = detect(List.of(A, B), webTask("web-1", "a", HASH), webTask("web-2", "b", HASH));

        assertTrue(report.inSync(), report.findings().toString());
    }

    @Test
    void aStoppedTaskSaysWhichContainerExitedAndIsAlsoMissing() {
        ObservedTask stopped = withContainer(webTask("web-2", "b", HASH), "exited", 137, expectedConfig());

        DriftReport report = detect(List.of(A, B), webTask("web-1", "a", HASH), stopped);

        assertEquals(List.of(
                new DriftFinding(DriftKind.TASK_MISSING, web(), null, null, "runs 1 of 2 tasks"),
                new DriftFinding(DriftKind.TASK_STOPPED, web(), "b", "web-2",
                        "task web-2 stopped: app exited (code 137)")), report.findings());
    }

    @Test
    void anUnhealthyEssentialContainerIsTaskUnhealthy() {
        ObservedTask task = webTask("web-2", "b", HASH);
        ObservedContainer app = task.containers().getFirst();
        ObservedTask unhealthy = new ObservedTask("web-2", "main", "b", "web", "web", 3, HASH, List.of(
                new ObservedContainer(app.id(), app.dockerName(), "app", "running", "unhealthy", null, app.labels(),
                        List.of(), app.config())));

        DriftReport report = detect(List.of(A, B), webTask("web-1", "a", HASH), unhealthy);

        assertEquals(List.of(new DriftFinding(DriftKind.TASK_UNHEALTHY, web(), "b", "web-2",
                "task web-2 unhealthy: app is unhealthy")), report.findings());
    }

    @Test
    void aMissingStackNetworkIsDriftAsThePlanCreatesIt() {
        ObservedState observed = new ObservedState("shop", List.of(A, B),
                List.of(webTask("web-1", "a", HASH), webTask("web-2", "b", HASH)), List.of(record(3, HASH, WEB)),
                List.of(new ObservedNetwork("a", "net-a", "berth-shop", null)), List.of());

        DriftReport report = DriftDetector.detect(STACK, observed);

        assertEquals(List.of(new DriftFinding(DriftKind.NETWORK_MISSING, new Address(Address.Kind.cluster, "main"),
                null, null, "create network berth-shop on b")), report.findings());
    }

    @Test
    void anotherSpecHashIsAnUnexpectedSpecNamingBothRevisions() {
        String old = "sha256:" + "ab12".repeat(16);
        ObservedState observed = state(List.of(A, B), List.of(webTask("web-1", "a", HASH), webTask("web-2", "b", 2, old)),
                List.of(record(2, old, WEB), record(3, HASH, WEB)));

        DriftReport report = DriftDetector.detect(STACK, observed);

        assertEquals(List.of(new DriftFinding(DriftKind.UNEXPECTED_SPEC, web(), "b", "web-2",
                "task web-2 runs revision 2 (sha256:ab12ab12ab12), stack says revision 3 (sha256:"
                        + ContentHash.shortForm(HASH) + ")")), report.findings());
    }

    @Test
    void aHandEditedEnvironmentIsConfigEditedAndImageDefaultsAreNot() {
        ContainerConfig edited = new ContainerConfig("berth/busybox:1", List.of("httpd"), List.of(),
                Map.of("GREETING", "hello", "PATH", "/bin"), 128L, null, 256);
        ObservedTask task = withContainer(webTask("web-2", "b", HASH), "running", null, edited);

        DriftReport report = detect(List.of(A, B), webTask("web-1", "a", HASH), task);

        assertEquals(List.of(new DriftFinding(DriftKind.CONFIG_EDITED, web(), "b", "web-2",
                "container app: environment GREETING: expected \"hi\", found \"hello\"")), report.findings());
    }

    @Test
    void aForeignFamilyLabelIsConfigEdited() {
        ObservedTask relabelled = webTask("web-2", "b", HASH);
        ObservedContainer container = relabelled.containers().getFirst();
        Map<String, String> labels = new HashMap<>(container.labels());
        labels.put(BerthLabels.FAMILY, "api");
        relabelled = new ObservedTask("web-2", "main", "b", "web", "web", 3, HASH, List.of(new ObservedContainer(
                container.id(), container.dockerName(), "app", "running", null, null, labels, List.of(),
                container.config())));

        DriftReport report = detect(List.of(A, B), webTask("web-1", "a", HASH), relabelled);

        assertEquals(List.of(new DriftFinding(DriftKind.CONFIG_EDITED, web(), "b", "web-2",
                "container app: label berth.family is \"api\", expected \"web\"")), report.findings());
    }

    @Test
    void tooManyTasksAndTasksOfUndeclaredServicesAreExtra() {
        ObservedTask orphan = new ObservedTask("old-1", "main", "a", "old", "old", 1, HASH, List.of());

        DriftReport report = detect(List.of(A, B), webTask("web-1", "a", HASH), webTask("web-2", "b", HASH),
                webTask("web-3", "b", HASH), orphan);

        assertEquals(List.of(
                new DriftFinding(DriftKind.EXTRA_TASK, new Address(Address.Kind.service, "old"), "a", "old-1",
                        "task old-1 belongs to service old, which the stack does not declare"),
                new DriftFinding(DriftKind.EXTRA_TASK, web(), null, null, "runs 3 tasks, stack wants 2")),
                report.findings());
    }

    @Test
    void anUnreachableHostIsAFindingAndItsTasksAreNotCounted() {
        ObservedHost down = new ObservedHost("main", "b", "tcp://b:2376", false, "connection refused", null);

        DriftReport report = detect(List.of(A, down), webTask("web-1", "a", HASH));

        assertEquals(List.of(
                new DriftFinding(DriftKind.HOST_UNREACHABLE, new Address(Address.Kind.cluster, "main"), "b", null,
                        "cannot reach tcp://b:2376: connection refused"),
                new DriftFinding(DriftKind.TASK_MISSING, web(), null, null,
                        "runs 1 of 2 tasks (not counted: unreachable b)")), report.findings());
    }

    @Test
    void aPinnedServiceIsComparedWithItsRecordedRevision() {
        TaskDefinition older = Canonicalizer.canonicalize(new Stack(1, "shop", Map.of(), Map.of(), Map.of(),
                Map.of("web", task(256, 128, container("app", "berth/busybox:0"))), Map.of(), Map.of()))
                .taskDefinitions().get("web");
        String olderHash = ContentHash.of(older);
        Stack pinned = new Stack(1, "shop", Map.of(), STACK.clusters(), Map.of(), STACK.taskDefinitions(),
                Map.of("web", new Service("main", "web:2", 1, null, null, null, null, List.of(), List.of(),
                        List.of(), null, null, null)), Map.of());
        ObservedTask onPinned = withContainer(webTask("web-1", "a", 2, olderHash), "running", null,
                new ContainerConfig("berth/busybox:9", List.of(), List.of(), Map.of(), 128L, null, 256));

        DriftReport report = DriftDetector.detect(pinned, state(List.of(A), List.of(onPinned),
                List.of(record(2, olderHash, older), record(3, HASH, WEB))));

        assertEquals(List.of(new DriftFinding(DriftKind.CONFIG_EDITED, web(), "a", "web-1",
                "container app: image: expected berth/busybox:0, found berth/busybox:9")), report.findings());
    }

    @Test
    void anUnreadableRevisionRecordOnlySkipsTheConfigComparison() {
        ObservedTask edited = withContainer(webTask("web-1", "a", HASH), "running", null,
                new ContainerConfig("berth/busybox:9", List.of(), List.of(), Map.of(), null, null, null));
        RevisionRecord garbled = new RevisionRecord("web", 2, "sha256:" + "0".repeat(64), "{not json", Instant.EPOCH);

        DriftReport report = DriftDetector.detect(STACK, state(List.of(A, B), List.of(edited, webTask("web-2", "b", HASH)),
                List.of(garbled, record(3, HASH, WEB))));

        assertEquals(DriftKind.CONFIG_EDITED, report.findings().getFirst().kind());
    }

    @Test
    void findingsComeInTheSameOrderWhateverTheObservationOrder() {
        ObservedTask stopped = withContainer(webTask("web-2", "b", HASH), "exited", 1, expectedConfig());
        ObservedTask other = new ObservedTask("old-1", "main", "a", "old", "old", 1, HASH, List.of());

        assertEquals(detect(List.of(A, B), stopped, other).findings(), detect(List.of(B, A), other, stopped).findings());
    }

    private static DriftReport detect(List<ObservedHost> hosts, ObservedTask... tasks) {
        return DriftDetector.detect(STACK, state(hosts, List.of(tasks), List.of(record(3, HASH, WEB))));
    }

    /** The stack network is on every host that answered, as apply leaves it. */
    private static ObservedState state(List<ObservedHost> hosts, List<ObservedTask> tasks, List<RevisionRecord> revisions) {
        List<ObservedNetwork> networks = hosts.stream().filter(ObservedHost::reachable)
                .map(h -> new ObservedNetwork(h.name(), "net-" + h.name(), "berth-shop", null)).toList();
        return new ObservedState("shop", hosts, tasks, revisions, networks, List.of());
    }

    private static RevisionRecord record(int revision, String hash, TaskDefinition definition) {
        return new RevisionRecord("web", revision, hash, CanonicalJson.write(definition), Instant.EPOCH);
    }

    private static Address web() {
        return new Address(Address.Kind.service, "web");
    }

    private static ContainerConfig expectedConfig() {
        ContainerDefinition app = WEB.containerDefinitions().getFirst();
        return ExpectedContainerConfig.of(WEB, app);
    }

    private static ObservedTask webTask(String taskId, String host, String hash) {
        return webTask(taskId, host, 3, hash);
    }

    private static ObservedTask webTask(String taskId, String host, int revision, String hash) {
        return withContainer(new ObservedTask(taskId, "main", host, "web", "web", revision, hash, List.of()),
                "running", null, expectedConfig());
    }

    private static ObservedTask withContainer(ObservedTask task, String state, Integer exitCode, ContainerConfig config) {
        Map<String, String> labels = Map.of(BerthLabels.STACK, "shop", BerthLabels.SERVICE, "web",
                BerthLabels.FAMILY, "web", BerthLabels.TASK, task.taskId(), BerthLabels.SPEC_HASH, task.specHash(),
                BerthLabels.CONTAINER, "app");
        ObservedContainer app = new ObservedContainer(task.taskId() + "-app", "shop-" + task.taskId() + "-app",
                "app", state, null, exitCode, labels, List.of(), config);
        return new ObservedTask(task.taskId(), task.cluster(), task.host(), task.service(), task.family(),
                task.revision(), task.specHash(), List.of(app));
    }
}
