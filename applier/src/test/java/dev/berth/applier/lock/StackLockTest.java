package dev.berth.applier.lock;

import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RequiresDocker.class)
class StackLockTest {
    private final DockerClients clients = new DockerClients();
    private final DockerEndpoint local = DockerEndpoint.defaultEndpoint(System.getenv());
    private final List<String> notices = new ArrayList<>();
    private DockerClient docker;
    private LabelledObjects objects;
    private StackLock lock;
    private Process other;

    @BeforeEach
    void setUp() {
        docker = clients.client(local);
        objects = new LabelledObjects(docker);
        lock = lockOn(local);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        try (clients) {
            if (other != null) {
                other.destroyForcibly().waitFor();
            }
            objects.close();
            lock.forceUnlock();
        }
    }

    private StackLock lockOn(DockerEndpoint endpoint) {
        return new StackLock(objects.stack(), new ClusterHost("main", ClusterHosts.IMPLICIT_HOST, endpoint),
                clients.client(endpoint), Clock.systemUTC(), notices::add);
    }

    /** A second JVM holding the lock, as another {@code berth apply} on this machine would. */
    private Process holdInAnotherProcess() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockHoldingMain.class.getName(), objects.stack())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); ; line = out.readLine()) {
            if (line == null) {
                throw new IllegalStateException("the lock holding process ended before taking the lock");
            }
            if (line.equals(LockHoldingMain.HELD)) {
                return other;
            }
        }
    }

    @Test
    void aSecondProcessIsRefusedUntilTheHolderDiesThenTheStaleLockIsTakenOver() throws Exception {
        Process holder = holdInAnotherProcess();

        StackLockedException locked = assertThrows(StackLockedException.class, () -> lock.acquire("apply"));
        String stack = objects.stack();
        String expected = "stack " + stack + " is locked by " + System.getProperty("user.name") + "@"
                + LockHolder.machineName() + " since \\d\\d:\\d\\d:\\d\\d \\(pid " + holder.pid()
                + ", berth apply\\); if that run is gone, run: berth force-unlock " + stack;
        assertTrue(locked.getMessage().matches(expected), locked.getMessage());

        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        try (StackLock.Held held = lock.acquire("destroy")) {
            assertEquals(List.of("took over a stale lock of pid " + holder.pid() + " (no longer running)"), notices);
            assertEquals("destroy", lock.holder().orElseThrow().command());
            assertEquals(ProcessHandle.current().pid(), lock.holder().orElseThrow().pid());
        }
        assertEquals(Optional.empty(), lock.holder());
    }

    @Test
    void aHolderThatExitsNormallyOrOnSigtermReleasesTheLock() throws Exception {
        Process holder = holdInAnotherProcess();
        assertTrue(lock.holder().isPresent());

        holder.destroy(); // SIGTERM, as Ctrl-C's SIGINT: shutdown hooks run
        holder.waitFor(30, TimeUnit.SECONDS);

        assertEquals(Optional.empty(), lock.holder());
    }

    @Test
    void closingReleasesAndTheLockCanBeTakenAgain() {
        lock.acquire("apply").close();
        try (StackLock.Held again = lock.acquire("apply")) {
            assertTrue(docker.inspectContainerCmd(StackLock.containerName(objects.stack())).exec().getId()
                    .equals(again.containerId()));
        }
        assertEquals(Optional.empty(), lock.holder());
        assertEquals(List.of(), notices);
    }

    @Test
    void aLockHeldOnAnotherMachineIsNeverTakenOverButForceUnlockClearsIt() {
        LockHolder elsewhere = new LockHolder("alice", "ci-runner-3", ProcessHandle.current().pid() + 1_000_000,
                null, Instant.now(), "apply");
        LockImage.ensure(docker);
        objects.createContainer(elsewhere.labels(objects.stack()),
                create -> create.withImage(LockImage.NAME).withName(StackLock.containerName(objects.stack()))
                        .withCmd("lock"));

        StackLockedException locked = assertThrows(StackLockedException.class, () -> lock.acquire("apply"));
        assertTrue(locked.getMessage().contains("locked by alice@ci-runner-3 since "), locked.getMessage());
        assertEquals(List.of(), notices);

        assertEquals("ci-runner-3", lock.forceUnlock().orElseThrow().machine());
        assertEquals(Optional.empty(), lock.forceUnlock());
        lock.acquire("apply").close();
    }

    @Test
    void aContainerMerelyNamedLikeTheLockIsNotTreatedAsOne() {
        objects.createContainer(Map.of(), create -> create.withName(StackLock.containerName(objects.stack())));

        StackLockException refused = assertThrows(StackLockException.class, () -> lock.acquire("apply"));
        assertTrue(refused.getMessage().contains("is not berth's lock of stack " + objects.stack()),
                refused.getMessage());
    }

    @Test
    void anUnreachableLockHostIsAClearError() {
        StackLock unreachable = lockOn(DockerEndpoint.parse("tcp://127.0.0.1:1", Map.of()));

        LockHostUnavailableException failure = assertThrows(LockHostUnavailableException.class,
                () -> unreachable.acquire("apply"));
        assertEquals("cannot use the lock of stack " + objects.stack()
                + " on host local of cluster main (tcp://127.0.0.1:1): connection refused", failure.getMessage());
    }

    @Test
    void theLockLivesOnTheFirstHostOfTheFirstClusterByName() {
        Stack stack = new Stack(1, "shop", null, Map.of(
                "web", new Cluster(List.of(new Host("w1", "tcp://10.0.0.1:2375", null, null))),
                "api", new Cluster(List.of(new Host("a1", "tcp://10.0.0.2:2375", null, null),
                        new Host("a2", "tcp://10.0.0.3:2375", null, null)))), null, null, null, null);

        ClusterHost host = StackLock.lockHost(stack, new ClusterHosts(Map.of()));

        assertEquals("api", host.cluster());
        assertEquals("a1", host.name());
    }

    @Test
    void theHolderSaysTheDateWhenTheLockIsNotFromToday() {
        LockHolder holder = new LockHolder("alice", "ci-runner-3", 4242, null,
                Instant.parse("2026-03-01T12:03:04Z"), "apply");

        assertEquals("alice@ci-runner-3 since 12:03:04 (pid 4242, berth apply)",
                holder.describe(ZoneOffset.UTC, LocalDate.of(2026, 3, 1)));
        assertEquals("alice@ci-runner-3 since 2026-03-01 12:03:04 (pid 4242, berth apply)",
                holder.describe(ZoneOffset.UTC, LocalDate.of(2026, 3, 2)));
    }
}
