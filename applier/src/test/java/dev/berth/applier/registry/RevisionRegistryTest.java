package dev.berth.applier.registry;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.observe.StackObserver;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.RevisionDetail;
import dev.berth.planner.revision.DesiredRevision;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RequiresDocker.class)
class RevisionRegistryTest {
    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private static final String NOBODY = "tcp://127.0.0.1:1";

    private final DockerClients clients = new DockerClients();
    private final ClusterHosts clusterHosts = new ClusterHosts(System.getenv());
    private final RevisionRegistry registry = new RevisionRegistry(clients, Clock.fixed(NOW, ZoneOffset.UTC));
    private DockerClient docker;
    private LabelledObjects objects;

    @BeforeEach
    void setUp() {
        docker = clients.client(DockerEndpoint.defaultEndpoint(System.getenv()));
        objects = new LabelledObjects(docker);
    }

    /** The registry's volumes carry no test label; the unique stack name finds exactly them. */
    @AfterEach
    void tearDown() {
        try (clients) {
            List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                    .withFilter("label", List.of(BerthLabels.STACK + "=" + objects.stack())).exec().getVolumes();
            for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
                docker.removeVolumeCmd(volume.getName()).exec();
            }
            objects.close();
        }
    }

    /** web runs on the local engine; api, on another family, on a host that does not answer. */
    private Stack stack() {
        return new Stack(1, objects.stack(), null,
                Map.of("main", new Cluster(List.of()),
                        "far", new Cluster(List.of(new Host("f1", NOBODY, null, null, null, null)))),
                null, null,
                Map.of("web", service("main", "web"), "api", service("far", "api")), null);
    }

    private static Service service(String cluster, String family) {
        return new Service(cluster, family, 1, null, null, null, null, null, null, null, null, null, null);
    }

    /** What the plan asks for: the revision, recorded on every host of the clusters named. */
    private Registration register(RevisionRegistry on, Stack stack, DesiredRevision revision, String... clusters) {
        List<ClusterHost> hosts = Arrays.stream(clusters)
                .flatMap(c -> clusterHosts.of(c, stack.clusters().get(c)).stream()).toList();
        RevisionDetail detail = new RevisionDetail(revision.family(), revision.revision(), revision.specHash(),
                revision.definition(), hosts.stream().map(h -> new HostRef(h.cluster(), h.name())).toList());
        return on.register(stack.stack(), detail, hosts);
    }

    private static DesiredRevision revision(int number, String hash) {
        ContainerDefinition container = new ContainerDefinition("app", "berth/busybox:1", true, null, null, null,
                List.of(new Secret("TOKEN", "env:WEB_TOKEN")), null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        TaskDefinition definition = new TaskDefinition(null, null, 128, 64, null, List.of(container), null, null,
                null, null);
        return new DesiredRevision("web", number, hash, definition);
    }

    @Test
    void theRecordIsWrittenToTheHostsOfTheFamilyAndReadBackByTheObserver() {
        Registration registration = register(registry, stack(), revision(1, "hash-1"), "main");

        assertEquals(new Registration("web:1", List.of("main/local"), List.of(), Map.of()), registration);
        List<RevisionRecord> history = new StackObserver(clients, clusterHosts).observe(stack()).revisions();
        assertEquals(1, history.size());
        RevisionRecord record = history.getFirst();
        assertEquals("web", record.family());
        assertEquals(1, record.revision());
        assertEquals("hash-1", record.specHash());
        assertEquals(NOW, record.deployedAt());
        assertTrue(record.definitionJson().contains("\"valueFrom\":\"env:WEB_TOKEN\""), record.definitionJson());
    }

    @Test
    void registeringAgainIsHarmlessAndKeepsTheFirstDeployedAt() {
        register(registry, stack(), revision(1, "hash-1"), "main");

        Registration again = register(new RevisionRegistry(clients, Clock.systemUTC()), stack(),
                revision(1, "hash-1"), "main");

        assertEquals(List.of("main/local"), again.present());
        assertEquals(List.of(), again.written());
        assertEquals(NOW, new StackObserver(clients, clusterHosts).observe(stack()).revisions().getFirst().deployedAt());
    }

    @Test
    void aRevisionNumberRecordedWithAnotherHashIsRefusedNamingBoth() {
        register(registry, stack(), revision(1, "hash-1"), "main");

        RevisionConflictException conflict = assertThrows(RevisionConflictException.class,
                () -> register(registry, stack(), revision(1, "hash-other"), "main"));

        assertEquals("revision web:1 is already registered on main/local with spec hash hash-1, not hash-other; "
                + "revision numbers are never reused (volume berth." + objects.stack() + ".taskdef.web.1)",
                conflict.getMessage());
    }

    @Test
    void anUnreachableHostOfTheFamilyIsReportedAndTheOthersAreWritten() {
        Stack both = new Stack(1, objects.stack(), null,
                Map.of("main", new Cluster(List.of()),
                        "far", new Cluster(List.of(new Host("f1", NOBODY, null, null, null, null)))),
                null, null, Map.of("web", service("main", "web"), "web-far", service("far", "web")), null);

        Registration registration = register(registry, both, revision(2, "hash-2"), "main", "far");

        assertEquals(List.of("main/local"), registration.written());
        assertEquals(Map.of("far/f1", "connection refused"), registration.unreachable());
        assertFalse(new StackObserver(clients, clusterHosts).observe(both).revisions().isEmpty());
    }
}
