package dev.berth.applier.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.applier.testing.RequiresDocker;
import dev.berth.applier.testing.SelfSignedCertificate;
import dev.berth.schema.model.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Contexts made by the docker CLI itself, in a config directory of the test's, are where berth goes. */
@ExtendWith(RequiresDocker.class)
class DockerContextsTest {
    @TempDir
    Path config;

    private void docker(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker", "--config", config.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "docker " + String.join(" ", args) + " ended");
        assertEquals(0, process.exitValue(), "docker " + String.join(" ", args) + ": " + out);
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("DOCKER_CONFIG", config.toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void dockerContextOrTheCurrentContextPicksTheEngineAndDockerHostStillWins() throws Exception {
        docker("context", "create", "far", "--docker", "host=tcp://10.213.0.99:2375");
        docker("context", "create", "here", "--docker", "host=unix:///run/docker.sock");

        assertEquals("tcp://10.213.0.99:2375", DockerEndpoint.defaultEndpoint(env("DOCKER_CONTEXT", "far")).toString());
        assertEquals(DockerEndpoint.LOCAL_SOCKET, DockerEndpoint.defaultEndpoint(env()).toString(),
                "no context in use: the local socket");
        docker("context", "use", "far");
        assertEquals("tcp://10.213.0.99:2375", DockerEndpoint.defaultEndpoint(env()).toString(),
                "the one docker context use chose");
        assertEquals("unix:///run/docker.sock", DockerEndpoint.defaultEndpoint(env("DOCKER_CONTEXT", "here"))
                .toString(), "DOCKER_CONTEXT before the current one");
        assertEquals("tcp://10.0.0.5:2375", DockerEndpoint.defaultEndpoint(env("DOCKER_CONTEXT", "here",
                "DOCKER_HOST", "tcp://10.0.0.5:2375")).toString(), "DOCKER_HOST before any context, as in docker");
        assertEquals(DockerEndpoint.LOCAL_SOCKET, DockerEndpoint.defaultEndpoint(env("DOCKER_CONTEXT", "default"))
                .toString());

        try (DockerClients clients = new DockerClients()) {
            clients.client(DockerEndpoint.defaultEndpoint(env("DOCKER_CONTEXT", "here"))).pingCmd().exec();
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DockerEndpoint.defaultEndpoint(env("DOCKER_CONTEXT", "nowhere")));
        assertTrue(missing.getMessage().startsWith("Docker context \"nowhere\" is not in "), missing.getMessage());
    }

    @Test
    void aHostsContextBringsThatContextsEndpointAndItsTlsFiles() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.in(config);
        String pem = certificate.certificate().toString();
        docker("context", "create", "secure", "--docker", "host=tcp://10.213.0.99:2376,ca=" + pem + ",cert=" + pem
                + ",key=" + certificate.privateKey());
        docker("context", "create", "over-ssh", "--docker", "host=ssh://deploy@10.213.0.98:2222");
        ClusterHosts hosts = new ClusterHosts(env());

        DockerEndpoint secure = hosts.endpoint(new Host("a", null, Map.of(), null, null, "secure"));
        assertEquals("tcp://10.213.0.99:2376", secure.toString());
        assertTrue(secure.tls());
        assertEquals(Files.readString(certificate.certificate()),
                Files.readString(secure.tlsCertPath().resolve("cert.pem")), "the context's own copy");
        assertEquals("ssh://deploy@10.213.0.98:2222",
                hosts.endpoint(new Host("b", null, Map.of(), null, null, "over-ssh")).toString());
        assertEquals(DockerEndpoint.LOCAL_SOCKET, hosts.endpoint(new Host("c", null, Map.of(), null, null, "default"))
                .toString(), "default: the engine without a context");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> hosts.endpoint(new Host("d", null, Map.of(), null, null, "nowhere")));
        assertEquals("Docker context \"nowhere\" is not in " + config.resolve("contexts") + "; see docker context ls",
                missing.getMessage());
    }
}
