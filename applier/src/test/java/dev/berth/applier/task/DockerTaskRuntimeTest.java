package dev.berth.applier.task;

import com.github.dockerjava.api.model.Container;
import dev.berth.planner.network.NetworkNames;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RequiresDocker.class)
class DockerTaskRuntimeTest {
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(20);
    /** Serves /data over HTTP; busybox as PID 1 ignores SIGTERM, hence the short stopTimeouts. */
    private static final String WEB_WITH_INIT = """
            {"volumes": [{"name": "data"}],
             "containerDefinitions": [
               {"name": "init", "image": "berth/busybox:1", "essential": false, "stopTimeout": 1,
                "command": ["sh", "-c", "echo hello-from-init > /data/index.html"],
                "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]},
               {"name": "app", "image": "berth/busybox:1", "stopTimeout": 1,
                "command": ["httpd", "-f", "-p", "8080", "-h", "/data"],
                "portMappings": [{"containerPort": 8080}],
                "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": true}],
                "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}]}]}
            """;
    private static final String SLEEPER = """
            {"containerDefinitions": [{"name": "app", "image": "berth/busybox:1", "stopTimeout": 1,
              "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"] %s}]}
            """;

    @Test
    void dependsOnSuccessRunsInitFirstAndAppServesWhatItWrote() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskRuntime runtime = fixture.runtime(Map.of());
            TaskSpec task = fixture.task("web", null, "web-1-aaaaaa", WEB_WITH_INIT);
            long started = System.nanoTime();
            assertEquals(TaskResult.ok(task.taskId()), runtime.launch(task));
            assertEquals(TaskResult.ok(task.taskId()), runtime.awaitHealthy(task, HEALTHY_WITHIN));
            System.out.printf("two-container dependsOn SUCCESS task: launch + healthy in %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);

            String app = TaskObjectNames.container(fixture.stack, task.taskId(), "app");
            assertEquals(0, fixture.runOn(NetworkNames.stack(fixture.stack),
                    "wget -q -O - http://" + app + ":8080/index.html | grep -q hello-from-init"));
            Container appContainer = fixture.containers(task.taskId()).stream()
                    .filter(c -> "app".equals(c.getLabels().get(BerthLabels.CONTAINER))).findFirst().orElseThrow();
            assertTrue(appContainer.getPorts()[0].getPublicPort() > 0, "8080 is published on a dynamic host port");
            assertEquals(Map.of(BerthLabels.STACK, fixture.stack, BerthLabels.KIND, BerthLabels.KIND_TASK,
                    BerthLabels.SERVICE, "web", BerthLabels.TASK, task.taskId(), BerthLabels.CLUSTER, "main"),
                    subset(appContainer.getLabels(), BerthLabels.STACK, BerthLabels.KIND, BerthLabels.SERVICE,
                            BerthLabels.TASK, BerthLabels.CLUSTER));
            assertEquals(java.util.Set.of(TaskObjectNames.taskVolume(fixture.stack, task.taskId(), "data")),
                    fixture.volumes(task.taskId()));
        }
    }

    @Test
    void failingInitFailsTheTaskAndRemovesWhatItCreated() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-bbbbbb", WEB_WITH_INIT.replace("echo hello-from-init > /data/index.html", "exit 1"));
            TaskResult result = fixture.runtime(Map.of()).launch(task);
            assertEquals(TaskResult.failed(task.taskId(), "container init exited 1, container app depends on its SUCCESS"), result);
            assertEquals(List.of(), fixture.containers(task.taskId()));
            assertEquals(java.util.Set.of(), fixture.volumes(task.taskId()));
        }
    }

    @Test
    void aDependencysStartTimeoutEndsTheWaitAfterThatManySeconds() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-b1b1b1", WEB_WITH_INIT
                    .replace("echo hello-from-init > /data/index.html", "sleep 60")
                    .replace("\"essential\": false, \"stopTimeout\": 1,", "\"essential\": false, \"stopTimeout\": 1, \"startTimeout\": 2,"));
            long started = System.nanoTime();
            TaskResult result = fixture.runtime(Map.of()).launch(task);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;

            assertEquals(TaskResult.failed(task.taskId(),
                    "container init did not reach SUCCESS within 2 s, container app depends on its SUCCESS"), result);
            assertTrue(seconds < 10, "gave up after " + seconds + " s, not after berth's default of 5 min");
            assertEquals(List.of(), fixture.containers(task.taskId()));
        }
    }

    @Test
    void dependsOnHealthyWaitsForTheHealthCheck() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-cccccc", """
                    {"containerDefinitions": [
                      {"name": "db", "image": "berth/busybox:1", "stopTimeout": 1,
                       "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"],
                       "healthCheck": {"command": ["CMD-SHELL", "true"], "interval": 1, "timeout": 1, "retries": 1}},
                      {"name": "app", "image": "berth/busybox:1", "stopTimeout": 1,
                       "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"],
                       "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]}]}
                    """);
            TaskRuntime runtime = fixture.runtime(Map.of());
            long started = System.nanoTime();
            assertEquals(TaskResult.ok(task.taskId()), runtime.launch(task));
            System.out.printf("two-container dependsOn HEALTHY task: launch in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertEquals("healthy", fixture.client.inspectContainerCmd(
                    TaskObjectNames.container(fixture.stack, task.taskId(), "db")).exec().getState().getHealth().getStatus());
        }
    }

    @Test
    void healthyWithAHealthCheckAndWithoutOne() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskRuntime runtime = fixture.runtime(Map.of());
            TaskSpec checked = fixture.task("web", null, "web-1-dddddd", SLEEPER.formatted(
                    ", \"healthCheck\": {\"command\": [\"CMD-SHELL\", \"true\"], \"interval\": 1, \"timeout\": 1, \"retries\": 1}"));
            TaskSpec unchecked = fixture.task("web", null, "web-1-eeeeee", SLEEPER.formatted(""));
            for (TaskSpec task : List.of(checked, unchecked)) {
                long started = System.nanoTime();
                assertEquals(TaskResult.ok(task.taskId()), runtime.launch(task));
                assertEquals(TaskResult.ok(task.taskId()), runtime.awaitHealthy(task, HEALTHY_WITHIN));
                System.out.printf("one-container task %s: launch + healthy in %d ms%n", task.taskId(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    @Test
    void aFailingHealthCheckFailsTheTask() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-ffffff", SLEEPER.formatted(
                    ", \"healthCheck\": {\"command\": [\"CMD-SHELL\", \"exit 1\"], \"interval\": 1, \"timeout\": 1, \"retries\": 1}"));
            TaskRuntime runtime = fixture.runtime(Map.of());
            assertEquals(TaskResult.ok(task.taskId()), runtime.launch(task));
            assertEquals(TaskResult.failed(task.taskId(), "essential container app is unhealthy"),
                    runtime.awaitHealthy(task, HEALTHY_WITHIN));
        }
    }

    @Test
    void anExitedEssentialContainerFailsTheTaskWithItsExitCode() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-a0a0a0", """
                    {"containerDefinitions": [{"name": "app", "image": "berth/busybox:1",
                      "command": ["sh", "-c", "echo going; exit 3"]}]}
                    """);
            TaskRuntime runtime = fixture.runtime(Map.of());
            assertEquals(TaskResult.ok(task.taskId()), runtime.launch(task));
            assertEquals(TaskResult.failed(task.taskId(), "essential container app exited 3"),
                    runtime.awaitHealthy(task, HEALTHY_WITHIN));
        }
    }

    @Test
    void aSecretReachesTheContainerButNoLabel() {
        String value = "s3cr3t-value-" + System.nanoTime();
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-121212", """
                    {"containerDefinitions": [{"name": "app", "image": "berth/busybox:1", "essential": false,
                      "command": ["sh", "-c", "test \\"$DB_PASSWORD\\" = %s"],
                      "secrets": [{"name": "DB_PASSWORD", "valueFrom": "env:SHOP_DB_PASSWORD"}]}]}
                    """.formatted(value));
            TaskResult result = fixture.runtime(Map.of("SHOP_DB_PASSWORD", value)).launch(task);
            assertEquals(TaskResult.ok(task.taskId()), result);
            String id = TaskObjectNames.container(fixture.stack, task.taskId(), "app");
            assertEquals(0, fixture.client.waitContainerCmd(id).start().awaitStatusCode());
            Map<String, String> labels = fixture.client.inspectContainerCmd(id).exec().getConfig().getLabels();
            assertEquals("DB_PASSWORD", labels.get(BerthLabels.SECRET_NAMES));
            assertFalse(labels.toString().contains(value), "no label holds the value");
        }
    }

    @Test
    void aMissingSecretFailsTheTaskNamingItsSource() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-343434", SLEEPER.formatted(
                    ", \"secrets\": [{\"name\": \"DB_PASSWORD\", \"valueFrom\": \"env:SHOP_DB_PASSWORD\"}]"));
            assertEquals(TaskResult.failed(task.taskId(),
                            "secret DB_PASSWORD of container app: environment variable SHOP_DB_PASSWORD is not set"),
                    fixture.runtime(Map.of()).launch(task));
            assertEquals(List.of(), fixture.containers(task.taskId()));
        }
    }

    @Test
    void namespaceDnsResolvesTheServiceToEachOfItsTasks() {
        try (TaskFixture fixture = new TaskFixture("internal")) {
            TaskRuntime runtime = fixture.runtime(Map.of());
            String namespaceNetwork = NetworkNames.namespace(fixture.stack, "internal");
            StringBuilder checks = new StringBuilder("set -e");
            for (String taskId : List.of("web-1-565656", "web-1-787878")) {
                TaskSpec task = fixture.task("web", "internal", taskId, SLEEPER.formatted(""));
                assertEquals(TaskResult.ok(taskId), runtime.launch(task));
                String address = fixture.client.inspectContainerCmd(TaskObjectNames.container(fixture.stack, taskId, "app"))
                        .exec().getNetworkSettings().getNetworks().get(namespaceNetwork).getIpAddress();
                checks.append("; nslookup web | grep -q ' ").append(address).append("$'")
                        .append("; nslookup web.internal | grep -q ' ").append(address).append("$'");
            }
            assertEquals(0, fixture.runOn(namespaceNetwork, checks.toString()), checks.toString());
        }
    }

    @Test
    void awsvpcContainersOfOneTaskShareLocalhost() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-909090", """
                    {"networkMode": "awsvpc", "containerDefinitions": [
                      {"name": "server", "image": "berth/busybox:1", "stopTimeout": 1,
                       "command": ["sh", "-c", "echo ok > /tmp/i.html; httpd -f -p 8080 -h /tmp"]},
                      {"name": "probe", "image": "berth/busybox:1", "essential": false,
                       "command": ["sh", "-c", "for i in $(seq 50); do wget -q -O /dev/null http://127.0.0.1:8080/i.html && exit 0; sleep 0.1; done; exit 1"],
                       "dependsOn": [{"containerName": "server", "condition": "START"}]}]}
                    """);
            assertEquals(TaskResult.ok(task.taskId()), fixture.runtime(Map.of()).launch(task));
            assertEquals(0, fixture.client.waitContainerCmd(TaskObjectNames.container(fixture.stack, task.taskId(), "probe"))
                    .start().awaitStatusCode());
        }
    }

    @Test
    void anAwsvpcInitContainerRunsBeforeTheTasksNetworkNamespaceExists() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-919191", """
                    {"networkMode": "awsvpc", "volumes": [{"name": "pages"}], "containerDefinitions": [
                      {"name": "seed", "image": "berth/busybox:1", "essential": false,
                       "command": ["sh", "-c", "echo seeded > /data/i.html"],
                       "mountPoints": [{"sourceVolume": "pages", "containerPath": "/data"}]},
                      {"name": "server", "image": "berth/busybox:1", "stopTimeout": 1,
                       "command": ["httpd", "-f", "-p", "8080", "-h", "/data"],
                       "portMappings": [{"containerPort": 8080, "hostPort": 8080}],
                       "mountPoints": [{"sourceVolume": "pages", "containerPath": "/data"}],
                       "dependsOn": [{"containerName": "seed", "condition": "SUCCESS"}]},
                      {"name": "probe", "image": "berth/busybox:1", "essential": false,
                       "command": ["sh", "-c", "for i in $(seq 50); do wget -q -O - http://127.0.0.1:8080/i.html | grep -q seeded && exit 0; sleep 0.1; done; exit 1"],
                       "dependsOn": [{"containerName": "server", "condition": "START"}]}]}
                    """);
            assertEquals(TaskResult.ok(task.taskId()), fixture.runtime(Map.of()).launch(task));
            assertEquals(0, fixture.client.waitContainerCmd(TaskObjectNames.container(fixture.stack, task.taskId(), "probe"))
                    .start().awaitStatusCode(), "the probe reaches the server, which owns the task's namespace, on localhost");
            var bindings = fixture.client.inspectContainerCmd(TaskObjectNames.container(fixture.stack, task.taskId(),
                    "server")).exec().getHostConfig().getPortBindings();
            assertTrue(bindings == null || bindings.getBindings().isEmpty(),
                    "an awsvpc task's ports stay on its own address, as on ECS: nothing is bound on the host");
        }
    }

    @Test
    void stopRemovesTheTaskAndItsVolumesAndNothingElse() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskRuntime runtime = fixture.runtime(Map.of());
            TaskSpec task = fixture.task("web", null, "web-1-abcabc", WEB_WITH_INIT);
            assertEquals(TaskResult.ok(task.taskId()), runtime.launch(task));
            // Same task id, another stack: not this stack's, so stop must not touch it.
            String foreign = fixture.objects.runContainer(Map.of(BerthLabels.STACK, fixture.stack + "-other",
                    BerthLabels.TASK, task.taskId(), BerthLabels.KIND, BerthLabels.KIND_TASK), create -> create);

            runtime.stop(TaskFixture.HOST, fixture.stack, task.taskId());
            assertEquals(List.of(), fixture.containers(task.taskId()));
            assertEquals(java.util.Set.of(), fixture.volumes(task.taskId()));
            assertTrue(fixture.client.inspectContainerCmd(foreign).exec().getState().getRunning());
            runtime.stop(TaskFixture.HOST, fixture.stack, task.taskId());
        }
    }

    private static Map<String, String> subset(Map<String, String> labels, String... keys) {
        Map<String, String> subset = new java.util.HashMap<>();
        for (String key : keys) {
            subset.put(key, labels.get(key));
        }
        return subset;
    }
}
