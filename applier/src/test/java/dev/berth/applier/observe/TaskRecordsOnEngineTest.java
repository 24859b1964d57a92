package dev.berth.applier.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RequiresDocker.class)
class TaskRecordsOnEngineTest {
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

    private void write(List<ObservedTask> tasks, long millis) {
        ObservedState observed = new ObservedState(stack, List.of(new ObservedHost("main", "local", endpoint.toString(),
                true, null, null)), tasks, List.of(), List.of(), List.of());
        assertEquals(List.of(), TaskRecords.write(stack, observed, List.of(), clients, List.of(host),
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
