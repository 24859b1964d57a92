package dev.berth.schema.canonical;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.HealthCheck;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.LinuxParameters;
import dev.berth.schema.model.LinuxParameters.Capabilities;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.PlacementConstraint;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.RuntimePlatform;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Volume;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.berth.schema.canonical.Fixtures.assertDifferentHash;
import static dev.berth.schema.canonical.Fixtures.assertSameCanonicalForm;
import static dev.berth.schema.canonical.Fixtures.canonical;
import static dev.berth.schema.canonical.Fixtures.container;
import static dev.berth.schema.canonical.Fixtures.task;
import static dev.berth.schema.model.PlacementConstraint.Type.distinctInstance;
import static dev.berth.schema.model.PlacementConstraint.Type.memberOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TaskDefinitionCanonicalizationTest {

    private static final KeyValuePair MODE = new KeyValuePair("MODE", "prod");
    private static final KeyValuePair PORT = new KeyValuePair("PORT", "8080");
    private static final Secret DB = new Secret("DB_PASSWORD", "env:DB_PASSWORD");
    private static final Secret API = new Secret("API_KEY", "file:/run/api");
    private static final PortMapping HTTP = new PortMapping(80, null, null, null, null, null);
    private static final PortMapping DNS = new PortMapping(53, null, PortMapping.Protocol.udp, null, null, null);
    private static final Volume DATA = new Volume("data", null, null);
    private static final Volume LOGS = new Volume("logs", new Volume.HostVolume("/var/log/app"), null);
    private static final PlacementConstraint DISTINCT = new PlacementConstraint(distinctInstance, null);
    private static final PlacementConstraint ZONE = new PlacementConstraint(memberOf, "attribute:zone == a");

    @Test
    void declarationOrderOfSetLikeListsDoesNotMatter() {
        TaskDefinition declared = task(NetworkMode.bridge, List.of(DATA, LOGS), List.of(DISTINCT, ZONE),
                container("app", "shop/app:1").environment(MODE, PORT).secrets(DB, API).ports(HTTP, DNS),
                container("sidecar", "envoy:1"));
        TaskDefinition reordered = task(NetworkMode.bridge, List.of(LOGS, DATA), List.of(ZONE, DISTINCT),
                container("sidecar", "envoy:1"),
                container("app", "shop/app:1").environment(PORT, MODE).secrets(API, DB).ports(DNS, HTTP));

        assertSameCanonicalForm(declared, reordered);
    }

    @Test
    void explicitDefaultsEqualOmittedOnes() {
        TaskDefinition omitted = task(null,
                container("app", "nginx").ports(HTTP).healthCheck(new HealthCheck(List.of("CMD", "true"), null, null, null, null)));
        TaskDefinition spelledOut = new TaskDefinition(List.of(TaskDefinition.Compatibility.EC2), NetworkMode.bridge,
                null, null, new RuntimePlatform(RuntimePlatform.OperatingSystemFamily.LINUX, null),
                List.of(container("app", "docker.io/library/nginx:latest").essential(true).stopTimeout(30)
                        .ports(new PortMapping(80, 0, PortMapping.Protocol.tcp, null, null, null))
                        .healthCheck(new HealthCheck(List.of("CMD", "true"), 30, 5, 3, 0)).build()),
                List.of(), List.of(), null, null);

        assertSameCanonicalForm(omitted, spelledOut);
    }

    @Test
    void meaningfulChangesChangeTheHash() {
        TaskDefinition base = task(NetworkMode.bridge, container("app", "shop/app:1").environment(MODE).command("run", "--fast"));

        assertDifferentHash(base, task(NetworkMode.bridge,
                container("app", "shop/app:2").environment(MODE).command("run", "--fast")));
        assertDifferentHash(base, task(NetworkMode.bridge,
                container("app", "shop/app:1").environment(new KeyValuePair("MODE", "dev")).command("run", "--fast")));
        assertDifferentHash(base, task(NetworkMode.bridge,
                container("app", "shop/app:1").environment(MODE).command("--fast", "run")));
    }

    @Test
    void hostPortDefaultDependsOnNetworkMode() {
        assertEquals(0, onlyPort(NetworkMode.bridge).hostPort());
        assertEquals(80, onlyPort(NetworkMode.host).hostPort());
        assertEquals(80, onlyPort(NetworkMode.awsvpc).hostPort());
    }

    @Test
    void declaredHostPortIsKept() {
        TaskDefinition task = canonical(task(NetworkMode.bridge,
                container("app", "nginx").ports(new PortMapping(80, 8080, null, null, null, null))));

        assertEquals(8080, task.containerDefinitions().getFirst().portMappings().getFirst().hostPort());
    }

    @Test
    void capabilitiesAreUppercasedWithoutPrefixDeduplicatedAndSorted() {
        LinuxParameters parameters = new LinuxParameters(null,
                new Capabilities(List.of("net_admin", "CAP_SYS_TIME", "NET_ADMIN", "cap_chown"), List.of("CAP_ALL")),
                null, List.of(), List.of(), null, null);

        LinuxParameters canonical = canonical(task(null, container("app", "nginx").linuxParameters(parameters)))
                .containerDefinitions().getFirst().linuxParameters();

        assertEquals(List.of("CHOWN", "NET_ADMIN", "SYS_TIME"), canonical.capabilities().add());
        assertEquals(List.of("ALL"), canonical.capabilities().drop());
        assertEquals(false, canonical.initProcessEnabled());
    }

    @Test
    void unsetValuesWithoutKnowableDefaultStayNull() {
        TaskDefinition task = canonical(task(null, container("app", "nginx")));
        ContainerDefinition app = task.containerDefinitions().getFirst();

        assertNull(task.cpu());
        assertNull(task.memory());
        assertNull(task.pidMode());
        assertNull(app.logConfiguration());
        assertNull(app.linuxParameters());
    }

    @Test
    void namedVolumeIsProvisionedPerTaskWithTheLocalDriver() {
        TaskDefinition task = canonical(task(null, List.of(DATA, LOGS), List.of(), container("app", "nginx")));

        assertEquals(new Volume.DockerVolumeConfiguration(Volume.DockerVolumeConfiguration.Scope.task, true, "local",
                Map.of(), Map.of()), task.volumes().getFirst().dockerVolumeConfiguration());
        assertNull(task.volumes().getLast().dockerVolumeConfiguration());
    }

    @Test
    void placementExpressionWhitespaceIsNormalized() {
        TaskDefinition spaced = task(null, List.of(), List.of(new PlacementConstraint(memberOf, "  attribute:zone   ==  a ")),
                container("app", "nginx"));

        assertSameCanonicalForm(task(null, List.of(), List.of(ZONE), container("app", "nginx")), spaced);
    }

    @Test
    void compatibilitiesAreDeduplicatedAndSorted() {
        TaskDefinition declared = new TaskDefinition(List.of(TaskDefinition.Compatibility.FARGATE,
                TaskDefinition.Compatibility.EC2, TaskDefinition.Compatibility.FARGATE),
                null, null, null, null, List.of(), List.of(), List.of(), null, null);

        assertEquals(List.of(TaskDefinition.Compatibility.EC2, TaskDefinition.Compatibility.FARGATE),
                canonical(declared).requiresCompatibilities());
    }

    @Test
    void canonicalizationIsIdempotent() {
        TaskDefinition once = canonical(task(NetworkMode.host, List.of(LOGS, DATA), List.of(ZONE),
                container("app", "registry:5000/app").ports(DNS, HTTP).environment(PORT, MODE)
                        .linuxParameters(new LinuxParameters(null, new Capabilities(List.of("cap_chown"), List.of()), null, List.of(), List.of(), null, null))));

        assertEquals(once, canonical(once));
    }

    private static PortMapping onlyPort(NetworkMode networkMode) {
        return canonical(task(networkMode, container("app", "nginx").ports(HTTP)))
                .containerDefinitions().getFirst().portMappings().getFirst();
    }
}
