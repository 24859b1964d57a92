package dev.berth.applier.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.DeviceRequest;
import dev.berth.applier.docker.EngineJson;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.schema.model.ContainerDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The create call berth makes for a container, as the local engine records it before the container starts. */
@ExtendWith(RequiresDocker.class)
class ContainerSpecsTest {

    /** Created, not started: what the engine keeps of the create is what berth asked for, in the API's terms. */
    @Test
    void everyDockerCapableFieldOfTheDefinitionIsWhatTheEngineRecordsOfTheCreatedContainer() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-d3d3d3", """
                    {"volumes": [{"name": "scratch", "host": {"sourcePath": "/tmp"}}],
                     "containerDefinitions": [
                      {"name": "data", "image": "berth/busybox:1", "command": ["sleep", "3600"], "essential": false},
                      {"name": "app", "image": "berth/busybox:1", "entryPoint": ["sh", "-c"], "command": ["sleep 3600"],
                       "environment": [{"name": "MODE", "value": "test"}],
                       "workingDirectory": "/tmp", "user": "nobody", "hostname": "app-host",
                       "readonlyRootFilesystem": true, "stopTimeout": 7, "memory": 64, "memoryReservation": 32,
                       "ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 2048}],
                       "extraHosts": [{"hostname": "db.internal", "ipAddress": "10.1.2.3"}],
                       "dnsServers": ["10.0.0.53"],
                       "portMappings": [{"containerPort": 8080, "hostPort": 0}, {"containerPort": 53, "protocol": "udp"}],
                       "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/scratch", "readOnly": true}],
                       "volumesFrom": [{"sourceContainer": "data", "readOnly": true}],
                       "linuxParameters": {"initProcessEnabled": true, "sharedMemorySize": 64,
                         "capabilities": {"add": ["NET_ADMIN"], "drop": ["MKNOD"]},
                         "tmpfs": [{"containerPath": "/run/cache", "size": 16, "mountOptions": ["noexec"]}]},
                       "logConfiguration": {"logDriver": "json-file", "options": {"max-size": "1m"}},
                       "healthCheck": {"command": ["CMD-SHELL", "true"], "interval": 5, "timeout": 2, "retries": 3,
                         "startPeriod": 1}}]}
                    """);
            List<ContainerDefinition> order = StartOrder.of(task.definition().containerDefinitions());
            EngineJson engine = EngineJson.of(fixture.client);
            ContainerDefinition data = container(order, "data");
            ContainerSpecs.create(engine, task, data, Map.of(), Map.of(), NetworkAttachment.of(task, order, data));
            ContainerDefinition app = container(order, "app");
            String id = ContainerSpecs.create(engine, task, app, Map.of("TOKEN", "s3cret"), Map.of("tag", "web"),
                    NetworkAttachment.of(task, order, app));

            JsonNode created = engine.inspectContainer(id).orElseThrow();
            JsonNode config = created.path("Config");
            JsonNode host = created.path("HostConfig");
            String dataName = TaskObjectNames.container(fixture.stack, task.taskId(), "data");
            assertEquals("[\"sh\",\"-c\"] [\"sleep 3600\"] /tmp nobody app-host 7", String.join(" ",
                    config.path("Entrypoint").toString(), config.path("Cmd").toString(), config.path("WorkingDir").asText(),
                    config.path("User").asText(), config.path("Hostname").asText(), config.path("StopTimeout").asText()));
            assertTrue(config.path("Env").toString().contains("\"MODE=test\",\"TOKEN=s3cret\""), config.path("Env").toString());
            assertEquals(List.of("53/udp", "8080/tcp"), fieldNames(config.path("ExposedPorts")));
            assertEquals("{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":5000000000,\"Timeout\":2000000000,"
                    + "\"StartPeriod\":1000000000,\"Retries\":3}", config.path("Healthcheck").toString());
            assertEquals(fixture.stack, config.path("Labels").path("berth.stack").asText());
            assertEquals("{\"Name\":\"no\",\"MaximumRetryCount\":0}", host.path("RestartPolicy").toString());
            assertEquals(64L << 20, host.path("Memory").asLong());
            assertEquals(32L << 20, host.path("MemoryReservation").asLong());
            assertTrue(host.path("ReadonlyRootfs").asBoolean());
            assertEquals("[{\"Name\":\"nofile\",\"Hard\":2048,\"Soft\":1024}]", host.path("Ulimits").toString());
            assertEquals("[\"db.internal:10.1.2.3\"] [\"10.0.0.53\"]",
                    host.path("ExtraHosts") + " " + host.path("Dns"));
            assertEquals("{\"53/udp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}],\"8080/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}]}",
                    host.path("PortBindings").toString());
            assertEquals("[\"/tmp:/scratch:ro\"] [\"" + dataName + ":ro\"]", host.path("Binds") + " " + host.path("VolumesFrom"));
            assertTrue(host.path("Init").asBoolean());
            assertEquals(64L << 20, host.path("ShmSize").asLong());
            assertEquals("{\"/run/cache\":\"noexec,size=16m\"}", host.path("Tmpfs").toString());
            assertTrue(host.path("CapAdd").toString().contains("NET_ADMIN"), host.path("CapAdd").toString());
            assertTrue(host.path("CapDrop").toString().contains("MKNOD"), host.path("CapDrop").toString());
            assertEquals("{\"Type\":\"json-file\",\"Config\":{\"max-size\":\"1m\",\"tag\":\"web\"}}",
                    host.path("LogConfig").toString());
        }
    }

    /** ECS's logDriver takes a logging plugin's name too: whether the engine has it is the engine's to say. */
    @Test
    void aLogDriverTheEngineDoesNotHaveIsRefusedByTheEngineAtCreate() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-e4e4e4", """
                    {"containerDefinitions": [{"name": "app", "image": "berth/busybox:1", "command": ["sleep", "3600"],
                      "logConfiguration": {"logDriver": "berth-no-such-plugin"}}]}
                    """);
            ContainerDefinition app = task.definition().containerDefinitions().getFirst();

            DockerException refused = assertThrows(DockerException.class, () -> ContainerSpecs.create(
                    EngineJson.of(fixture.client), task, app, Map.of(), Map.of(), NetworkAttachment.of(task, List.of(app), app)));

            assertTrue(refused.getMessage().contains("berth-no-such-plugin"), refused.getMessage());
            assertEquals(List.of(), fixture.containers(task.taskId()));
        }
    }

    private static ContainerDefinition container(List<ContainerDefinition> containers, String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    /** This machine has no GPU: what the engine keeps of the created container shows the request, its start the refusal. */
    @Test
    void aGpuRequirementIsADeviceRequestForThatManyGpusOnTheCreatedContainer() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-c2c2c2", """
                    {"containerDefinitions": [{"name": "app", "image": "berth/busybox:1", "command": ["sleep", "3600"],
                      "resourceRequirements": [{"type": "GPU", "value": "2"}]}]}
                    """);
            ContainerDefinition app = task.definition().containerDefinitions().getFirst();
            String id = ContainerSpecs.create(EngineJson.of(fixture.client), task, app, Map.of(), Map.of(),
                    NetworkAttachment.of(task, List.of(app), app));

            List<DeviceRequest> requests = fixture.client.inspectContainerCmd(id).exec().getHostConfig().getDeviceRequests();

            assertEquals(1, requests.size(), requests.toString());
            assertEquals(2, requests.getFirst().getCount());
            assertEquals(List.of(List.of("gpu")), requests.getFirst().getCapabilities());
            DockerException refused = assertThrows(DockerException.class, () -> fixture.client.startContainerCmd(id).exec());
            assertTrue(refused.getMessage().contains("capabilities: [[gpu]]"), refused.getMessage());
        }
    }
}
