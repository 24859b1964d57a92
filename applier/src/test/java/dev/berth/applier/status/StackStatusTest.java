package dev.berth.applier.status;

import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedContainer.PublishedPort;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StackStatusTest {
    private static final ObservedHost LOCAL = new ObservedHost("main", "local", "unix:///var/run/docker.sock", true,
            null, null);
    private static final ObservedHost REMOTE = new ObservedHost("main", "b", "tcp://10.0.0.7:2376", true, null, null);
    private static final ObservedHost GONE = new ObservedHost("main", "c", "tcp://10.0.0.8:2376", false,
            "connection refused", null);

    private static Stack stack() {
        return new Stack(1, "shop", null, Map.of("main", new Cluster(List.of())), null, null,
                Map.of("web", new Service("main", "web", 3, null, null, null, null, null, null, null, null, null, null)), null);
    }

    private static ObservedContainer container(String state, String health, PublishedPort... ports) {
        return new ObservedContainer("id", "docker-name", "app", state, health, null, Map.of(), List.of(ports), null);
    }

    private static ObservedTask task(String id, ObservedHost host, String service, int revision,
                                     ObservedContainer... containers) {
        return new ObservedTask(id, host.cluster(), host.name(), service, "web", revision, "hash", List.of(containers));
    }

    @Test
    void countsRunningAndHealthyTasksAndTheRevisionsOfADeploymentUnderWay() {
        ObservedState observed = new ObservedState("shop", List.of(LOCAL, REMOTE, GONE), List.of(
                task("t1", LOCAL, "web", 2, container("running", null, new PublishedPort(8080, 49153, "tcp"))),
                task("t2", REMOTE, "web", 3, container("running", "healthy", new PublishedPort(8080, 49154, "tcp"))),
                task("t3", REMOTE, "web", 3, container("running", "starting")),
                task("t4", LOCAL, "old", 1, container("exited", null))), List.of(), List.of(), List.of());

        StatusReport report = StackStatus.of(stack(), observed);

        ServiceStatus web = report.services().get(1);
        assertEquals("web", web.name());
        assertEquals(List.of(3, 3, 2), List.of(web.desired(), web.running(), web.healthy()));
        assertEquals("web:2 (1), web:3 (2)", web.revisionSummary());
        assertEquals(List.of("127.0.0.1:49153->8080/tcp"), web.tasks().get(0).containers().getFirst().ports());
        assertEquals(List.of("10.0.0.7:49154->8080/tcp"), web.tasks().get(1).containers().getFirst().ports());
        ServiceStatus old = report.services().get(0);
        assertEquals(List.of("old", 0, 0, "web:1"), List.of(old.name(), old.desired(), old.running(),
                old.revisionSummary()));
        assertEquals(List.of(GONE.name()), report.unreachableHosts().stream().map(StatusReport.HostStatus::name).toList());
    }

    @Test
    void aServiceWithoutTasksShowsNoRevision() {
        StatusReport report = StackStatus.of(stack(), ObservedState.empty("shop"));

        assertEquals("-", report.services().getFirst().revisionSummary());
        assertEquals(0, report.services().getFirst().running());
    }
}
