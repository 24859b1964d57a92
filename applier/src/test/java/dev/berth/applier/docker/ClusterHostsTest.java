package dev.berth.applier.docker;

import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Host;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusterHostsTest {
    private final ClusterHosts hosts = new ClusterHosts(Map.of("DOCKER_HOST", "tcp://docker.internal:2375"));

    @Test
    void aClusterWithoutHostsRunsOnTheDefaultEngine() {
        assertEquals(List.of(new ClusterHost("main", "local", DockerEndpoint.parse("tcp://docker.internal:2375", Map.of()))),
                hosts.of("main", new Cluster(List.of())));
    }

    @Test
    void declaredHostsKeepTheirNamesAndOrder() {
        Cluster cluster = new Cluster(List.of(new Host("b", "tcp://10.0.0.2:2375", Map.of(), null, null, null),
                new Host("a", "unix:///run/docker.sock", Map.of(), null, null, null)));
        assertEquals(List.of("b", "a"), hosts.of("web", cluster).stream().map(ClusterHost::name).toList());
        assertEquals("unix:///run/docker.sock", hosts.of("web", cluster).get(1).endpoint().toString());
    }
}
