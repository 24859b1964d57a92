package dev.berth.applier.docker;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerEndpointTest {
    @Test
    void defaultsToTheLocalSocket() {
        assertEquals("unix:///var/run/docker.sock", DockerEndpoint.defaultEndpoint(Map.of()).toString());
    }

    @Test
    void followsDockerHost() {
        DockerEndpoint endpoint = DockerEndpoint.defaultEndpoint(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"));
        assertEquals("tcp://10.0.0.5:2375", endpoint.toString());
        assertFalse(endpoint.tls());
    }

    @Test
    void usesTlsWithCertPathWhenVerifyIsSet() {
        DockerEndpoint endpoint = DockerEndpoint.parse("tcp://h1:2376",
                Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/etc/berth/certs"));
        assertEquals(Path.of("/etc/berth/certs"), endpoint.tlsCertPath());
    }

    @Test
    void takesCertsFromHomeDockerByDefault() {
        DockerEndpoint endpoint = DockerEndpoint.parse("tcp://h1:2376", Map.of("DOCKER_TLS_VERIFY", "yes", "HOME", "/home/ops"));
        assertEquals(Path.of("/home/ops/.docker"), endpoint.tlsCertPath());
    }

    @Test
    void treatsEmptyOrZeroVerifyAsPlain() {
        assertNull(DockerEndpoint.parse("tcp://h1:2375", Map.of("DOCKER_TLS_VERIFY", "0")).tlsCertPath());
        assertNull(DockerEndpoint.parse("tcp://h1:2375", Map.of("DOCKER_TLS_VERIFY", "")).tlsCertPath());
    }

    @Test
    void neverUsesTlsForUnixSockets() {
        assertNull(DockerEndpoint.parse("unix:///run/docker.sock", Map.of("DOCKER_TLS_VERIFY", "1")).tlsCertPath());
    }

    @Test
    void fillsInTheDockerCliDefaultPorts() {
        assertEquals("tcp://h1:2375", DockerEndpoint.parse("tcp://h1", Map.of()).toString());
        assertEquals("tcp://h1:2376", DockerEndpoint.parse("tcp://h1", Map.of("DOCKER_TLS_VERIFY", "1")).toString());
    }

    @Test
    void sameEngineWrittenTwoWaysIsOneEndpoint() {
        assertEquals(DockerEndpoint.parse("tcp://h1", Map.of()), DockerEndpoint.parse("tcp://h1:2375/", Map.of()));
    }

    @Test
    void readsSshEndpointsAsTheDockerCliDoesAndTakesTheirHostAsTheAddress() {
        DockerEndpoint endpoint = DockerEndpoint.parse("ssh://deploy@h1.example:2222", Map.of("DOCKER_TLS_VERIFY", "1"));
        assertEquals("ssh://deploy@h1.example:2222", endpoint.toString());
        assertTrue(endpoint.ssh());
        assertNull(endpoint.tlsCertPath(), "ssh brings its own encryption");
        assertEquals("ssh://h1", DockerEndpoint.parse("ssh://h1", Map.of()).toString(), "no port: ssh's own default");
        assertEquals("h1.example", new ClusterHost("main", "a", endpoint).address());
    }

    @Test
    void rejectsOtherSchemesAndMissingParts() {
        assertThrows(IllegalArgumentException.class, () -> DockerEndpoint.parse("npipe:////./pipe/docker_engine", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DockerEndpoint.parse("ssh://h1/var/run/docker.sock", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DockerEndpoint.parse("unix://", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DockerEndpoint.parse("h1:2375", Map.of()));
    }
}
