package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.lock.StackLock;
import dev.berth.applier.observe.RevisionVolumes;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.RevisionRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.berth.planner.observed.BerthLabels.CLUSTER;
import static dev.berth.planner.observed.BerthLabels.CONTAINER;
import static dev.berth.planner.observed.BerthLabels.FAMILY;
import static dev.berth.planner.observed.BerthLabels.KIND;
import static dev.berth.planner.observed.BerthLabels.KIND_LOCK;
import static dev.berth.planner.observed.BerthLabels.KIND_NETWORK;
import static dev.berth.planner.observed.BerthLabels.KIND_TASK;
import static dev.berth.planner.observed.BerthLabels.REVISION;
import static dev.berth.planner.observed.BerthLabels.SERVICE;
import static dev.berth.planner.observed.BerthLabels.SPEC_HASH;
import static dev.berth.planner.observed.BerthLabels.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** status, history, force-unlock and destroy, run in-process against a hand-made stack on the real engine. */
@ExtendWith(RequiresDocker.class)
class OperationsCommandsTest {
    private static final String HASH_1 = "sha256:" + "1".repeat(64);
    private static final String HASH_2 = "sha256:" + "2".repeat(64);
    private static final String HASH_3 = "sha256:" + "3".repeat(64);

    private final DockerClients clients = new DockerClients();
    private final ObjectMapper json = new ObjectMapper();
    private DockerClient docker;
    private LabelledObjects objects;
    private Path stackFile;

    @BeforeEach
    void setUp(@TempDir Path dir) throws IOException {
        docker = clients.client(DockerEndpoint.defaultEndpoint(System.getenv()));
        objects = new LabelledObjects(docker);
        stackFile = dir.resolve("stack.yaml");
        Files.writeString(stackFile, """
                version: 1
                stack: %s
                clusters:
                  main: {}
                taskDefinitions:
                  web:
                    cpu: 128
                    memory: 64
                    containerDefinitions:
                      - name: app
                        image: berth/busybox:1
                        command: [sleep, "3600"]
                services:
                  web:
                    cluster: main
                    taskDefinition: web
                    desiredCount: 2
                """.formatted(objects.stack()));
    }

    @AfterEach
    void tearDown() {
        try (clients) {
            objects.close();
        }
    }

    private String stack() {
        return objects.stack();
    }

    private Map<String, String> taskLabels(String task, int revision, String hash) {
        return objects.stackLabels(KIND, KIND_TASK, SERVICE, "web", FAMILY, "web", REVISION, Integer.toString(revision),
                SPEC_HASH, hash, TASK, task, CONTAINER, "app", CLUSTER, "main");
    }

    /** web:2 running with a published port, web:3 created but not started: a deployment under way. */
    private int handMadeDeployment() {
        objects.runContainer(taskLabels("task-a", 2, HASH_2), c -> c
                .withExposedPorts(ExposedPort.tcp(8080))
                .withHostConfig(HostConfig.newHostConfig()
                        .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(8080)))));
        objects.createContainer(taskLabels("task-b", 3, HASH_3), c -> c);
        record(1, HASH_1, "2026-05-01T09:00:00Z");
        record(2, HASH_2, "2026-05-02T09:00:00Z");
        record(3, HASH_3, "2026-05-03T09:00:00Z");
        var ports = docker.inspectContainerCmd(objects.stack() + "-1").exec().getNetworkSettings().getPorts();
        return Integer.parseInt(ports.getBindings().get(ExposedPort.tcp(8080))[0].getHostPortSpec());
    }

    private void record(int revision, String hash, String deployedAt) {
        RevisionRecord record = new RevisionRecord("web", revision, hash, "{\"family\":\"web\"}",
                Instant.parse(deployedAt));
        objects.createVolume(RevisionVolumes.volumeName(stack(), "web", revision), RevisionVolumes.labels(stack(), record));
    }

    /** A lock taken on another machine, its labels written as berth writes them. */
    private void lockedElsewhere() {
        objects.createContainer(objects.stackLabels(KIND, KIND_LOCK, "berth.lock.user", "alice",
                        "berth.lock.machine", "ci-runner-3", "berth.lock.pid", "4242",
                        "berth.lock.since", Instant.now().toString(), "berth.lock.command", "apply"),
                c -> c.withName(StackLock.containerName(stack())).withCmd("lock"));
    }

    private boolean exists(String container) {
        try {
            docker.inspectContainerCmd(container).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    @Test
    void statusShowsCountsRevisionsTasksAndPorts() {
        int port = handMadeDeployment();

        CommandRun run = CommandRun.of("status", stackFile.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Pattern.compile("(?m)^web\\s+main\\s+2\\s+1\\s+1\\s+web:2 \\(1\\), web:3 \\(1\\)$")
                .matcher(run.out()).find(), run.out());
        assertTrue(Pattern.compile("(?m)^  task-a\\s+main/local\\s+web:2\\s+running\\s+app\\s+running\\s+-\\s+127\\.0\\.0\\.1:"
                + port + "->8080/tcp$").matcher(run.out()).find(), run.out());
        assertTrue(Pattern.compile("(?m)^  task-b\\s+main/local\\s+web:3\\s+stopped\\s+app\\s+created\\s+-\\s+-$")
                .matcher(run.out()).find(), run.out());
    }

    @Test
    void statusJsonMatchesItsSchema() throws IOException {
        int port = handMadeDeployment();

        CommandRun run = CommandRun.of("status", stackFile.toString(), "--format", "json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode document = json.readTree(run.out());
        assertEquals(Set.of(), schema("status-v1.schema.json").validate(document));
        JsonNode web = document.get("services").get(0);
        assertEquals(2, web.get("desiredCount").asInt());
        assertEquals(1, web.get("runningCount").asInt());
        assertEquals("127.0.0.1:" + port + "->8080/tcp",
                web.get("tasks").get(0).get("containers").get(0).get("ports").get(0).asText());
        assertEquals(List.of("web:2", "web:3"), web.get("revisions").findValuesAsText("revision"));
        assertEquals(List.of("running", "stopped"), web.get("tasks").findValuesAsText("verdict"));
        assertEquals("app created", web.get("tasks").get(1).get("verdictDetails").get(0).asText());
    }

    @Test
    void historyMarksTheRevisionRunningNow() throws IOException {
        handMadeDeployment();

        CommandRun text = CommandRun.of("history", stackFile.toString(), "web");
        CommandRun asJson = CommandRun.of("history", stackFile.toString(), "web", "--format", "json");

        assertEquals(0, text.exitCode(), text.err());
        assertTrue(Pattern.compile("(?m)^\\s+web:1\\s+111111111111\\s+2026-05-0\\d \\d\\d:00:00\\s+-$")
                .matcher(text.out()).find(), text.out());
        assertTrue(Pattern.compile("(?m)^\\*\\s+web:2\\s+222222222222\\s+.*1 task$").matcher(text.out()).find(),
                text.out());
        JsonNode revisions = json.readTree(asJson.out()).get("revisions");
        assertEquals(List.of("1", "2", "3"), revisions.findValuesAsText("revision"));
        assertEquals(List.of("0", "1", "0"), revisions.findValuesAsText("runningTasks"));
        assertEquals("2026-05-02T09:00:00Z", revisions.get(1).get("deployedAt").asText());
    }

    @Test
    void historyOfAnUnknownServiceNamesTheKnownOnes() {
        CommandRun run = CommandRun.of("history", stackFile.toString(), "wbe");

        assertEquals(1, run.exitCode());
        assertEquals("berth: error: stack " + stack() + " has no service wbe (services: web)\n", run.err());
    }

    @Test
    void forceUnlockSaysWhoHeldTheLockAndNeedsYesWithoutATerminal() {
        CommandRun unlocked = CommandRun.of("force-unlock", stackFile.toString());
        assertEquals(0, unlocked.exitCode(), unlocked.err());
        assertEquals("stack " + stack() + " is not locked\n", unlocked.out());

        lockedElsewhere();
        CommandRun refused = CommandRun.of("force-unlock", stackFile.toString());
        assertEquals(1, refused.exitCode());
        assertEquals("berth: error: refusing to force-unlock without confirmation: no terminal to ask on; "
                + "pass --yes to force-unlock anyway\n", refused.err());
        assertTrue(exists(StackLock.containerName(stack())));

        CommandRun cleared = CommandRun.of("force-unlock", stackFile.toString(), "--yes");
        assertEquals(0, cleared.exitCode(), cleared.err());
        assertTrue(cleared.out().matches("stack " + stack() + " unlocked; it was locked by alice@ci-runner-3 since "
                + "\\d\\d:\\d\\d:\\d\\d \\(pid 4242, berth apply\\)\n"), cleared.out());
        assertFalse(exists(StackLock.containerName(stack())));
    }

    @Test
    void destroyRefusesALockedStack() {
        handMadeDeployment();
        lockedElsewhere();

        CommandRun run = CommandRun.of("destroy", stackFile.toString(), "--yes");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("berth: error: stack " + stack() + " is locked by alice@ci-runner-3 since "),
                run.err());
        assertTrue(run.err().endsWith("; if that run is gone, run: berth force-unlock " + stack() + "\n"), run.err());
        assertTrue(exists(stack() + "-1"));
    }

    @Test
    void destroyNeedsYesWithoutATerminalThenRemovesTheStackButItsVolumesUnlessAsked() {
        handMadeDeployment();
        String network = stack() + "-net";
        objects.createNetwork(network, objects.stackLabels(KIND, KIND_NETWORK));
        String foreign = objects.runContainer(Map.of(), c -> c);

        CommandRun refused = CommandRun.of("destroy", stackFile.toString());
        assertEquals(1, refused.exitCode());
        assertEquals("berth: error: refusing to destroy without confirmation: no terminal to ask on; "
                + "pass --yes to destroy anyway\n", refused.err());
        assertTrue(exists(stack() + "-1"));

        CommandRun destroyed = CommandRun.of("destroy", stackFile.toString(), "--yes");
        assertEquals(0, destroyed.exitCode(), destroyed.err());
        assertEquals("main/local: removed 2 task containers, 0 load balancers, 1 network\n"
                + "Stack " + stack() + " destroyed.\n", destroyed.out());
        assertFalse(exists(stack() + "-1") || exists(stack() + "-2"));
        assertTrue(exists(foreign));
        assertFalse(exists(StackLock.containerName(stack())), "the lock is released");
        assertEquals(3, CommandRun.of("history", stackFile.toString(), "web", "--format", "json").out()
                .split("\"revision\"").length - 1);

        CommandRun withVolumes = CommandRun.of("destroy", stackFile.toString(), "--volumes", "--yes");
        assertEquals(0, withVolumes.exitCode(), withVolumes.err());
        assertEquals("main/local: removed 0 task containers, 0 load balancers, 0 networks, 0 volumes, "
                + "3 revision records\n"
                + "The task definition history of stack " + stack() + " is gone: the next apply registers "
                + "revision 1 again.\n"
                + "Stack " + stack() + " destroyed.\n", withVolumes.out());
        assertTrue(exists(foreign));
    }

    private static JsonSchema schema(String file) throws IOException {
        try (InputStream in = OperationsCommandsTest.class.getResourceAsStream("/dev/berth/schema/json/" + file)) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + file);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(new ObjectMapper().readTree(in));
        }
    }
}
