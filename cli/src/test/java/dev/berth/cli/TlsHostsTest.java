package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.TestHosts;
import dev.berth.planner.observed.BerthLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A host reached over TLS, for real: h1 of {@code scripts/multi-host} also listens on
 * tcp://10.213.0.11:2376 with {@code --tlsverify}, its client certificates signed by a test CA.
 * berth runs as its own process, so DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are the test's.
 */
@ResourceLock(TestHosts.LOCK)
class TlsHostsTest {
    @TempDir
    Path dir;

    private final String stack = "tlsh-" + UUID.randomUUID().toString().substring(0, 8);
    private TestHosts.Tls tls;
    private Path stackFile;

    @BeforeEach
    void stackOnTheTlsEndpoint() throws Exception {
        tls = TestHosts.tls();
        stackFile = dir.resolve("stack.yaml");
        Files.writeString(stackFile, stack(stack, tls.endpoint()));
    }

    /** Two sleeping tasks of service web on the one host h1, at {@code endpoint}. */
    static String stack(String name, String endpoint) {
        return """
                version: 1
                stack: %s
                clusters:
                  main:
                    hosts:
                      - {name: h1, endpoint: "%s"}
                taskDefinitions:
                  web:
                    memory: 64
                    containerDefinitions:
                      - {name: app, image: berth/busybox:1, command: %s, stopTimeout: 1}
                services:
                  web: {cluster: main, taskDefinition: web, desiredCount: 2}
                """.formatted(name, endpoint, EngineStack.SLEEPER);
    }

    @AfterEach
    void destroy() {
        if (tls == null) {
            return;
        }
        CommandRun run = CommandRun.process(tls.env(), "destroy", "--yes", "--volumes", stackFile.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    @Test
    void aStackOnAnEngineReachedOverTlsRunsThereAndAPlanAfterwardsChangesNothing() {
        CommandRun apply = CommandRun.process(tls.env(), "apply", "--yes", "--no-color", stackFile.toString());
        assertEquals(0, apply.exitCode(), apply.out() + apply.err());
        List<Container> tasks = stackContainers().stream()
                .filter(c -> BerthLabels.KIND_TASK.equals(c.getLabels().get(BerthLabels.KIND))).toList();
        assertEquals(2, tasks.stream().filter(c -> "running".equals(c.getState())).count(), tasks.toString());
        CommandRun plan = CommandRun.process(tls.env(), "plan", "--detailed-exitcode", stackFile.toString());
        assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    }

    @Test
    void withoutTlsThePlanSaysWhatToSetAndApplyStartsNothing() {
        Map<String, String> plain = Map.of("DOCKER_TLS_VERIFY", "");
        CommandRun plan = CommandRun.process(plain, "plan", stackFile.toString());
        assertEquals(1, plan.exitCode(), plan.out() + plan.err());
        assertTrue(plan.out().contains("host h1 of cluster main did not answer (the engine takes TLS only: set "
                + "DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH"), plan.out() + plan.err());
        CommandRun apply = CommandRun.process(plain, "apply", "--yes", "--no-color", stackFile.toString());
        assertEquals(1, apply.exitCode(), apply.out() + apply.err());
        assertEquals(List.of(), stackContainers());
    }

    @Test
    void anEngineCertificateOfAnotherAuthorityIsATlsFailureNamingCaPemAndNothingStarts() throws Exception {
        // A certificate of its own authority, as a user's DOCKER_CERT_PATH might hold for another engine.
        Path other = selfSigned("other-certs");
        Files.copy(other.resolve("cert.pem"), other.resolve("ca.pem"));
        assertRefused(other, "main/h1: TLS failure: the engine's certificate is not signed by the CA in ca.pem of "
                + "DOCKER_CERT_PATH");
    }

    @Test
    void aClientCertificateTheEngineDoesNotTrustIsATlsFailureNamingCertPemAndNothingStarts() throws Exception {
        // The engine's CA, so berth trusts the engine; the engine, checking berth's certificate after the
        // handshake (TLS 1.3), closes the connection, which on its own reads as a broken pipe.
        Path untrusted = selfSigned("untrusted-client");
        Files.copy(Path.of(tls.env().get("DOCKER_CERT_PATH"), "ca.pem"), untrusted.resolve("ca.pem"));
        assertRefused(untrusted, "main/h1: TLS failure: the engine refused berth's client certificate (cert.pem "
                + "and key.pem of DOCKER_CERT_PATH): it is not signed by the CA the engine trusts (dockerd --tlscacert)");
    }

    private Path selfSigned(String name) throws Exception {
        Path certs = Files.createDirectories(dir.resolve(name));
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=another", "-keyout", certs.resolve("key.pem").toString(), "-out",
                certs.resolve("cert.pem").toString()).redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertEquals(0, openssl.waitFor());
        return certs;
    }

    private void assertRefused(Path certPath, String reason) {
        Map<String, String> env = new HashMap<>(tls.env());
        env.put("DOCKER_CERT_PATH", certPath.toString());
        CommandRun apply = CommandRun.process(env, "apply", "--yes", "--no-color", stackFile.toString());
        assertEquals(1, apply.exitCode(), apply.out() + apply.err());
        assertTrue(apply.err().contains(reason), apply.out() + apply.err());
        assertEquals(List.of(), stackContainers());
    }

    /** What h1 holds for the stack, read over TLS with the right certificates. */
    private List<Container> stackContainers() {
        try (DockerClients clients = new DockerClients()) {
            return clients.client(DockerEndpoint.parse(tls.endpoint(), tls.env())).listContainersCmd()
                    .withShowAll(true).withLabelFilter(Map.of(BerthLabels.STACK, stack)).exec();
        }
    }
}
