package dev.berth.applier.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RequiresDocker.class)
class EngineJsonTest {
    private final DockerClients clients = new DockerClients();
    private final DockerClient docker = clients.client(DockerEndpoint.defaultEndpoint(System.getenv()));
    private final LabelledObjects objects = new LabelledObjects(docker);
    private final EngineJson engine = EngineJson.of(docker);

    @AfterEach
    void cleanUp() {
        objects.close();
        clients.close();
    }

    @Test
    void listsHoldWhatCarriesEveryLabelAskedForRunningOrNot() {
        String running = objects.runContainer(objects.stackLabels(BerthLabels.KIND, "task"), c -> c);
        String created = objects.createContainer(objects.stackLabels(BerthLabels.KIND, "task"), c -> c);
        objects.createContainer(objects.stackLabels(BerthLabels.KIND, "lock"), c -> c);
        List<String> taskLabels = List.of(BerthLabels.STACK + "=" + objects.stack(), BerthLabels.KIND + "=task");

        List<JsonNode> listed = engine.listContainers(taskLabels);

        assertEquals(Set.of(running, created), listed.stream().map(c -> c.path("Id").asText()).collect(Collectors.toSet()));
        assertEquals(Set.of("running", "created"), listed.stream().map(c -> c.path("State").asText()).collect(Collectors.toSet()));
    }

    @Test
    void volumesComeWithTheirLabelsAndNetworksWithTheirIds() {
        String name = objects.stack() + "-record";
        objects.createVolume(name, objects.stackLabels(BerthLabels.KIND, "tasks", "note", "a=b,c"));
        objects.createVolume(objects.stack() + "-other", objects.stackLabels(BerthLabels.KIND, "revision"));
        String network = objects.createNetwork(objects.stack() + "-net", objects.stackLabels());
        List<String> stackLabel = List.of(BerthLabels.STACK + "=" + objects.stack());

        List<EngineJson.Volume> records = engine.listVolumes(List.of(BerthLabels.STACK + "=" + objects.stack(),
                BerthLabels.KIND + "=tasks"));

        assertEquals(List.of(name), records.stream().map(EngineJson.Volume::name).toList());
        assertEquals("a=b,c", records.getFirst().labels().get("note"));
        assertEquals(2, engine.listVolumes(stackLabel).size());
        assertEquals(List.of(network), engine.listNetworks(stackLabel).stream().map(n -> n.path("Id").asText()).toList());
        assertEquals(List.of(), engine.listVolumes(List.of(BerthLabels.STACK + "=" + objects.stack() + "-none")));
    }

    @Test
    void aMissingContainerInspectsAsEmptyAndATakenNameFailsAsDockerJavaWould() {
        assertTrue(engine.inspectContainer(objects.stack() + "-absent").isEmpty());

        String id = objects.createContainer(objects.stackLabels(), c -> c);
        String name = engine.inspectContainer(id).orElseThrow().path("Name").asText().substring(1);
        ObjectNode config = EngineJson.object().put("Image", LabelledObjects.IMAGE);
        config.set("Labels", EngineJson.strings(Map.of(LabelledObjects.TEST_RUN, "unused")));

        assertThrows(ConflictException.class, () -> engine.createContainer(name, config));
        ObjectNode missingImage = EngineJson.object().put("Image", "berth/absent:" + objects.stack());
        assertThrows(NotFoundException.class, () -> engine.createContainer(objects.stack() + "-never", missingImage));
    }

    @Test
    void aKilledContainerStopsAndIsRemovedAndRemovingItAgainIsNoFailure() {
        String running = objects.runContainer(objects.stackLabels(BerthLabels.KIND, "task"), c -> c);

        engine.killContainer(running, "SIGKILL");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (engine.inspectContainer(running).orElseThrow().path("State").path("Running").asBoolean()) {
            assertTrue(System.nanoTime() < deadline, "still running 10 s after SIGKILL");
            Thread.onSpinWait();
        }
        assertThrows(ConflictException.class, () -> engine.killContainer(running, "SIGKILL"), "not running");
        engine.removeContainer(running, true);
        engine.removeContainer(running, true);

        assertTrue(engine.inspectContainer(running).isEmpty());
        assertThrows(NotFoundException.class, () -> engine.killContainer(running, "SIGTERM"));
    }

    @Test
    void aVolumeIsCreatedWithItsDriversOptionsAndRemovingItAgainIsNoFailure() {
        String name = objects.stack() + "-scratch";
        engine.createVolume(name, "local", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m"),
                objects.stackLabels(BerthLabels.KIND, "task"));

        assertEquals(Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m"),
                docker.inspectVolumeCmd(name).exec().getOptions());
        engine.removeVolume(name);
        engine.removeVolume(name);

        assertTrue(engine.inspectVolume(name).isEmpty());
    }

    @Test
    void imagesAreFoundByTheirFullReferenceAndCreatedRecordsReadBack() {
        assertTrue(engine.inspectImage(LabelledObjects.IMAGE).isPresent());
        assertTrue(engine.inspectImage("berth/absent:" + objects.stack()).isEmpty());

        String volume = objects.stack() + "-made";
        String network = objects.stack() + "-made";
        try {
            engine.createVolume(volume, Map.of(BerthLabels.STACK, objects.stack(), "note", "x"));
            assertEquals(Map.of(BerthLabels.STACK, objects.stack(), "note", "x"),
                    engine.inspectVolume(volume).orElseThrow().labels());
            assertTrue(engine.inspectVolume(objects.stack() + "-absent").isEmpty());

            engine.createNetwork(network, "bridge", Map.of(BerthLabels.STACK, objects.stack()));
            assertEquals(objects.stack(), engine.inspectNetwork(network).orElseThrow().path("Labels")
                    .path(BerthLabels.STACK).asText());
            assertThrows(ConflictException.class, () -> engine.createNetwork(network, "bridge", Map.of()),
                    "a second network of the name is refused");
        } finally {
            engine.inspectVolume(volume).ifPresent(v -> docker.removeVolumeCmd(volume).exec());
            engine.inspectNetwork(network).ifPresent(n -> docker.removeNetworkCmd(n.path("Id").asText()).exec());
        }
    }
}
