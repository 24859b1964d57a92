package dev.berth.applier.task;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.DeviceRequest;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.schema.model.ContainerDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The create call berth makes for a container, as the local engine records it before the container starts. */
@ExtendWith(RequiresDocker.class)
class ContainerSpecsTest {

    /** This machine has no GPU: what the engine keeps of the created container shows the request, its start the refusal. */
    @Test
    void aGpuRequirementIsADeviceRequestForThatManyGpusOnTheCreatedContainer() {
        try (TaskFixture fixture = new TaskFixture()) {
            TaskSpec task = fixture.task("web", null, "web-1-c2c2c2", """
                    {"containerDefinitions": [{"name": "app", "image": "berth/busybox:1", "command": ["sleep", "3600"],
                      "resourceRequirements": [{"type": "GPU", "value": "2"}]}]}
                    """);
            ContainerDefinition app = task.definition().containerDefinitions().getFirst();
            String id = ContainerSpecs.create(fixture.client, task, app, Map.of(), Map.of(),
                    NetworkAttachment.of(task, List.of(app), app)).exec().getId();

            List<DeviceRequest> requests = fixture.client.inspectContainerCmd(id).exec().getHostConfig().getDeviceRequests();

            assertEquals(1, requests.size(), requests.toString());
            assertEquals(2, requests.getFirst().getCount());
            assertEquals(List.of(List.of("gpu")), requests.getFirst().getCapabilities());
            DockerException refused = assertThrows(DockerException.class, () -> fixture.client.startContainerCmd(id).exec());
            assertTrue(refused.getMessage().contains("capabilities: [[gpu]]"), refused.getMessage());
        }
    }
}
