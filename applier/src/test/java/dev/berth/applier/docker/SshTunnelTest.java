package dev.berth.applier.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.testing.TestHosts;
import dev.berth.applier.testing.TestSshd;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** h1's engine through the test sshd (scripts/test-sshd), with the system's ssh client. */
class SshTunnelTest {
    private static final DockerEndpoint H1 = DockerEndpoint.parse(TestSshd.endpoint(), Map.of());

    @Test
    void manyConcurrentCallsReachTheRemoteEngineAndClosingLeavesNoSshProcess() throws Exception {
        try (DockerClients clients = new DockerClients(TestSshd.env("accepted"))) {
            DockerClient h1 = clients.client(H1);
            long start = System.nanoTime();
            assertEquals("berth-h1", h1.infoCmd().exec().getName(), "the engine of h1, not the local one");
            long first = System.nanoTime() - start;
            start = System.nanoTime();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> names = java.util.stream.IntStream.range(0, 40)
                        .mapToObj(i -> threads.submit(() -> h1.infoCmd().exec().getName())).toList();
                for (Future<String> name : names) {
                    assertEquals("berth-h1", name.get());
                }
            }
            System.out.printf("ssh: first call %d ms (login), 40 more over %d sessions %d ms%n", first / 1_000_000,
                    SshTunnel.MAX_SESSIONS, (System.nanoTime() - start) / 1_000_000);
            assertTrue(!TestSshd.sshProcesses("accepted").isEmpty(), "sessions and master run while open");
        }
        assertEquals(List.of(), TestSshd.sshProcesses("accepted"), "closed: no ssh left");
    }

    @Test
    void aKeyTheServerRefusesFailsWithSshsOwnWordsAndCountsAsUnreachable() {
        try (DockerClients clients = new DockerClients(TestSshd.env("refused"))) {
            RuntimeException failure = assertThrows(RuntimeException.class, () -> clients.client(H1).pingCmd().exec());
            assertEquals("ssh: root@" + H1.uri().getHost() + ": Permission denied (publickey).",
                    EngineFailures.describe(failure));
            assertTrue(EngineFailures.unreachable(failure));
        }
        assertEquals(List.of(), TestSshd.sshProcesses("refused"));
    }

    @Test
    void aHostWithNoSshdListeningFailsWithSshsOwnWords() {
        String h2 = TestHosts.addresses(2).get(1);
        DockerEndpoint closed = DockerEndpoint.parse("ssh://root@" + h2 + ":2222", Map.of());
        try (DockerClients clients = new DockerClients(TestSshd.env("accepted"))) {
            RuntimeException failure = assertThrows(RuntimeException.class, () -> clients.client(closed).pingCmd().exec());
            assertEquals("ssh: connect to host " + h2 + " port 2222: Connection refused",
                    EngineFailures.describe(failure));
            assertTrue(EngineFailures.unreachable(failure));
        }
        assertEquals(List.of(), TestSshd.sshProcesses("accepted"));
    }

    @Test
    void aHostWithoutDockerFailsWithTheRemoteShellsWords() {
        try (DockerClients clients = new DockerClients(TestSshd.env("nodocker"))) {
            RuntimeException failure = assertThrows(RuntimeException.class, () -> clients.client(H1).pingCmd().exec());
            String reason = EngineFailures.describe(failure);
            assertTrue(reason.startsWith("ssh: bash: ") && reason.endsWith("docker: command not found"), reason);
        }
        assertEquals(List.of(), TestSshd.sshProcesses("nodocker"));
    }
}
