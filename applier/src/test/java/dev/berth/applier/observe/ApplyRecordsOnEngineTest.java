package dev.berth.applier.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RequiresDocker.class)
class ApplyRecordsOnEngineTest {
    private final DockerClients clients = new DockerClients();
    private final DockerEndpoint endpoint = DockerEndpoint.defaultEndpoint(System.getenv());
    private final DockerClient docker = clients.client(endpoint);
    private final String stack = "records-" + UUID.randomUUID().toString().substring(0, 8);
    private final ClusterHost host = new ClusterHost("main", "local", endpoint);

    @AfterEach
    void removeRecords() {
        records().forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
        clients.close();
    }

    @Test
    void theSameTasksKeepTheirRecordAndOtherTasksReplaceIt() {
        ObservedTask web = new ObservedTask("web-1-aaaaaa", "main", "local", "web", "web", 1, "f00d", List.of());
        ObservedTask api = new ObservedTask("api-1-bbbbbb", "main", "local", "api", "api", 1, "beef", List.of());

        write(List.of(web, api), 1_000);
        String first = onlyRecord();
        write(List.of(api, web), 2_000);
        assertEquals(first, onlyRecord(), "an apply that changed nothing keeps the record it finds");
        write(List.of(web), 3_000);
        assertNotEquals(first, onlyRecord(), "changed tasks replace the record");
    }

    @Test
    void theNewestRecordSaysWhichStackWasAppliedAndSinceWhenAndDestroyForgetsIt() {
        ObservedTask web = new ObservedTask("web-1-aaaaaa", "main", "local", "web", "web", 1, "f00d", List.of());
        write(stack(3), List.of(web), 1_000);
        write(stack(5), List.of(web), 2_000);

        var applied = ApplyRecords.applied(stack, clients, List.of(endpoint)).orElseThrow();
        assertEquals(stack(5), applied.stack());
        assertEquals(Instant.ofEpochMilli(2_000), applied.at());
        assertTrue(ApplyRecords.stacks(docker).contains(stack));
        ObservedTask api = new ObservedTask("api-1-bbbbbb", "main", "local", "api", "api", 1, "beef", List.of());
        write(stack(5), List.of(web, api), 3_000);
        assertEquals(Instant.ofEpochMilli(2_000), ApplyRecords.applied(stack, clients, List.of(endpoint)).orElseThrow()
                .at(), "other tasks, the same stack: still applied at 2 s, which schedules count from");

        ApplyRecords.remove(stack, docker);
        assertEquals(Optional.empty(), ApplyRecords.applied(stack, clients, List.of(endpoint)));
        assertFalse(ApplyRecords.stacks(docker).contains(stack));
    }

    /** The stack, canonical as an apply has it, with web at {@code desiredCount}. */
    private Stack stack(int desiredCount) {
        return new Stack(1, stack, null, Map.of("main", new Cluster(List.of())), null, null,
                Map.of("web", new Service("main", "web", desiredCount, null, null, null, null, null, null, null, null, null, null)),
                null);
    }

    private void write(List<ObservedTask> tasks, long millis) {
        write(stack(1), tasks, millis);
    }

    private void write(Stack applied, List<ObservedTask> tasks, long millis) {
        ObservedState observed = new ObservedState(stack, List.of(new ObservedHost("main", "local", endpoint.toString(),
                true, null, null)), tasks, List.of(), List.of(), List.of());
        assertEquals(List.of(), ApplyRecords.write(applied, observed, List.of(), Map.of(), clients, List.of(host),
                Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC)));
    }

    private String onlyRecord() {
        List<InspectVolumeResponse> records = records();
        assertEquals(1, records.size());
        return records.getFirst().getName();
    }

    private List<InspectVolumeResponse> records() {
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                .withFilter("label", List.of(BerthLabels.STACK + "=" + stack)).exec().getVolumes();
        return volumes == null ? List.of() : volumes;
    }
}
