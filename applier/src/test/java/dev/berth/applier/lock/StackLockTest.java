package dev.berth.applier.lock;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.applier.testing.SlowEngine;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lock on the local engine alone: taking, refusing, renewing, losing and taking over stale locks. */
@ExtendWith(RequiresDocker.class)
class StackLockTest {
    private static final Duration SHORT_LEASE = Duration.ofSeconds(3);

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
        lock = lockOn(StackLock.DEFAULT_LEASE, local);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        try (clients) {
            if (other != null) {
                other.destroyForcibly().waitFor();
            }
            objects.close();
            lock.forceUnlock();
            for (Container c : containers()) {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
            }
        }
    }

    private StackLock lockOn(Duration lease, DockerEndpoint... endpoints) {
        List<LockEngine> engines = Arrays.stream(endpoints)
                .map(e -> new LockEngine(objects.stack(), "main/" + e, clients.client(e))).toList();
        return new StackLock(objects.stack(), engines, Clock.systemUTC(), lease, notices::add);
    }

    /** Every container of the stack's lock: the lock itself and its lease stamps. */
    private List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(BerthLabels.STACK, objects.stack(), BerthLabels.KIND, BerthLabels.KIND_LOCK))
                .exec();
    }

    /** A second JVM holding the lock, as another {@code berth apply} on this machine would. */
    private Process holdInAnotherProcess() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockHoldingMain.class.getName(), "hold", objects.stack(), "15", local.toString())
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

    /** A lock container as a berth on another machine leaves it: {@code lease} 0 for an older berth's, without one. */
    private void lockFromElsewhere(long leaseSeconds) {
        LockHolder elsewhere = new LockHolder("alice", "ci-runner-3", ProcessHandle.current().pid() + 1_000_000,
                null, Instant.now(), "apply");
        Map<String, String> labels = new LinkedHashMap<>(elsewhere.labels(objects.stack()));
        if (leaseSeconds > 0) {
            labels.put(LockEngine.TOKEN, "f".repeat(32));
            labels.put(LockEngine.LEASE, Long.toString(leaseSeconds));
        }
        LockImage.ensure(docker);
        objects.createContainer(labels, create -> create.withImage(LockImage.NAME)
                .withName(StackLock.containerName(objects.stack())).withCmd("lock"));
    }

    @Test
    void aSecondProcessIsRefusedUntilTheHolderDiesThenTheStaleLockIsTakenOver() throws Exception {
        Process holder = holdInAnotherProcess();

        StackLockedException locked = assertThrows(StackLockedException.class, () -> lock.acquire("apply"));
        String stack = objects.stack();
        String expected = "stack " + stack + " is locked by " + System.getProperty("user.name") + "@"
                + LockHolder.machineName() + " since \\d\\d:\\d\\d:\\d\\d \\(pid " + holder.pid()
                + ", berth apply\\); if that run is gone, its lock frees itself within 15 s, or run: "
                + "berth force-unlock " + stack;
        assertTrue(locked.getMessage().matches(expected), locked.getMessage());

        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        try (StackLock.Held held = lock.acquire("destroy")) {
            assertEquals(List.of("took over a stale lock of pid " + holder.pid() + " on " + LockHolder.machineName()
                    + " (no longer running) on main/" + local), notices);
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
        assertEquals(List.of(), containers());
    }

    @Test
    void closingReleasesAndTheLockCanBeTakenAgain() {
        lock.acquire("apply").close();
        try (StackLock.Held again = lock.acquire("apply")) {
            assertEquals(List.of(docker.inspectContainerCmd(StackLock.containerName(objects.stack())).exec().getId()),
                    again.containerIds());
        }
        assertEquals(Optional.empty(), lock.holder());
        assertEquals(List.of(), notices);
    }

    @Test
    void aLockHeldOnAnotherMachineIsRefusedUntilItsLeaseRunsOutOnTheEnginesClock() throws Exception {
        lockFromElsewhere(SHORT_LEASE.toSeconds());

        StackLockedException locked = assertThrows(StackLockedException.class, () -> lock.acquire("apply"));
        assertTrue(locked.getMessage().contains("locked by alice@ci-runner-3 since "), locked.getMessage());
        assertTrue(locked.getMessage().contains("its lock frees itself within 3 s"), locked.getMessage());
        assertEquals(List.of(), notices);

        // Lease, plus a second for the engine's whole-second creation times, plus a margin.
        Thread.sleep(SHORT_LEASE.plusSeconds(2).toMillis());
        try (StackLock.Held held = lock.acquire("apply")) {
            assertEquals(1, notices.size(), notices.toString());
            assertTrue(notices.getFirst().contains("on ci-runner-3 (its lease ran out)"), notices.toString());
        }
    }

    @Test
    void aLockThisProcessLetGoButCouldNotRemoveIsTakenOverAtOnce() {
        Map<String, String> labels = new LinkedHashMap<>(LockHolder.thisProcess("apply", Clock.systemUTC())
                .labels(objects.stack()));
        labels.put(LockEngine.TOKEN, "e".repeat(32));
        labels.put(LockEngine.LEASE, "15");
        LockImage.ensure(docker);
        objects.createContainer(labels, create -> create.withImage(LockImage.NAME)
                .withName(StackLock.containerName(objects.stack())).withCmd("lock"));

        try (StackLock.Held held = lock.acquire("apply")) {
            assertEquals(1, notices.size(), notices.toString());
            assertTrue(notices.getFirst().contains("(this process let it go)"), notices.toString());
        }
    }

    @Test
    void aLockWithoutALeaseFromAnOlderBerthIsNeverTakenOverButForceUnlockClearsIt() {
        lockFromElsewhere(0);

        StackLockedException locked = assertThrows(StackLockedException.class, () -> lock.acquire("apply"));
        assertTrue(locked.getMessage().endsWith("if that run is gone, run: berth force-unlock " + objects.stack()),
                locked.getMessage());

        assertEquals("ci-runner-3", lock.forceUnlock().orElseThrow().machine());
        assertEquals(Optional.empty(), lock.forceUnlock());
        lock.acquire("apply").close();
    }

    @Test
    void theHolderRenewsItsLeaseSoALiveHolderIsNeverTakenOver() throws Exception {
        StackLock shortLease = lockOn(SHORT_LEASE, local);
        try (StackLock.Held held = shortLease.acquire("apply")) {
            // Twice the lease: without renewals another machine's run could take it over by now.
            Thread.sleep(SHORT_LEASE.multipliedBy(2).toMillis());
            held.check();
            assertTrue(containers().size() >= 2, "the lock and a lease stamp: " + containers().size());
            LockEngine.Lock current = new LockEngine(objects.stack(), "main/local", docker).current().orElseThrow();
            assertEquals(held.containerIds(), List.of(current.containerId()));
            assertThrows(StackLockedException.class, () -> lockOn(SHORT_LEASE, local).acquire("apply"));
        }
        assertEquals(List.of(), containers(), "released with its stamps");
    }

    /** The local engine, where only the lease stamps are slow to arrive: a renewal takes long, as on a loaded one. */
    private SlowEngine slowStamps(Path dir, Duration delay) {
        return new SlowEngine(dir,
                request -> request.contains("/containers/create?name=" + StackLock.containerName(objects.stack()) + "-"),
                delay);
    }

    @Test
    void aReleaseDuringASlowRenewalWaitsForItSoNoStampIsLeftBehind(@TempDir Path dir) throws Exception {
        try (SlowEngine engine = slowStamps(dir, Duration.ofSeconds(6))) {
            StackLock slowStamps = lockOn(SHORT_LEASE, engine.endpoint());
            long every = SHORT_LEASE.dividedBy(5).toMillis();
            try (StackLock.Held held = slowStamps.acquire("apply")) {
                Thread.sleep(every + 200);
            }
            engine.awaitHeld();
            assertEquals(List.of(), containers(), "released with the stamp its renewal created");
        }
    }

    @Test
    void aRenewalSlowedByALoadedEngineIsWaitedForNotTakenForALostLock(@TempDir Path dir) throws Exception {
        // Each stamp takes 1 s to reach the engine, so just before a renewal completes the last one
        // completed began over 2 s ago: past the 2 s a short lease's holder may go unrenewed, within
        // the 3 s before any engine could judge its lease over.
        try (SlowEngine engine = slowStamps(dir, Duration.ofMillis(1000))) {
            StackLock slowStamps = lockOn(SHORT_LEASE, engine.endpoint());
            try (StackLock.Held held = slowStamps.acquire("apply")) {
                long until = System.nanoTime() + SHORT_LEASE.multipliedBy(2).toNanos();
                while (System.nanoTime() < until) {
                    held.check();
                    Thread.sleep(50);
                }
            }
            engine.awaitHeld();
        }
    }

    @Test
    void aHolderWhoseLockIsTakenAwayStopsAtItsNextCheck() throws Exception {
        StackLock shortLease = lockOn(SHORT_LEASE, local);
        try (StackLock.Held held = shortLease.acquire("apply")) {
            held.check();
            shortLease.forceUnlock();
            long deadline = System.nanoTime() + SHORT_LEASE.toNanos();
            LockLostException lost = null;
            while (lost == null && System.nanoTime() < deadline) {
                try {
                    held.check();
                    Thread.sleep(100);
                } catch (LockLostException e) {
                    lost = e;
                }
            }
            assertTrue(lost != null && lost.getMessage().contains("no longer holds a majority"), String.valueOf(lost));
        }
    }

    @Test
    void aContainerMerelyNamedLikeTheLockIsNotTreatedAsOne() {
        objects.createContainer(Map.of(), create -> create.withName(StackLock.containerName(objects.stack())));

        StackLockException refused = assertThrows(StackLockException.class, () -> lock.acquire("apply"));
        assertTrue(refused.getMessage().contains("is not berth's lock of stack " + objects.stack()),
                refused.getMessage());
    }

    @Test
    void tooFewAnsweringHostsIsAClearErrorNamingThem() {
        StackLock unreachable = lockOn(StackLock.DEFAULT_LEASE, DockerEndpoint.parse("tcp://127.0.0.1:1", Map.of()));

        LockHostUnavailableException failure = assertThrows(LockHostUnavailableException.class,
                () -> unreachable.acquire("apply"));
        assertEquals("cannot take the lock of stack " + objects.stack() + ": 0 of 1 hosts answered and the lock "
                + "needs its host (main/tcp://127.0.0.1:1: connection refused)", failure.getMessage());
    }

    @Test
    void ofTwoHostsHalfIsEnoughWhenItIsTheFirstSoTwoRunsCanNeverBothHoldIt() {
        DockerEndpoint down = DockerEndpoint.parse("tcp://127.0.0.1:1", Map.of());

        try (StackLock.Held held = lockOn(StackLock.DEFAULT_LEASE, local, down).acquire("apply")) {
            assertEquals(1, held.containerIds().size());
        }
        LockHostUnavailableException refused = assertThrows(LockHostUnavailableException.class,
                () -> lockOn(StackLock.DEFAULT_LEASE, down, local).acquire("apply"));
        assertTrue(refused.getMessage().contains("1 of 2 hosts answered and the lock needs more than half of its 2 "
                + "hosts, or half with main/tcp://127.0.0.1:1"), refused.getMessage());
    }

    @Test
    void everyMachineTriesTheEnginesInOneOrderClustersByNameAndEachEngineOnce() {
        Stack stack = new Stack(1, "shop", null, Map.of(
                "web", new Cluster(List.of(new Host("w1", "tcp://10.0.0.1:2375", null, null, null, null),
                        new Host("a2-again", "tcp://10.0.0.3:2375", null, null, null, null))),
                "api", new Cluster(List.of(new Host("a1", "tcp://10.0.0.2:2375", null, null, null, null),
                        new Host("a2", "tcp://10.0.0.3:2375", null, null, null, null)))), null, null, null, null);

        List<ClusterHost> order = StackLock.lockOrder(stack, new ClusterHosts(Map.of()));

        assertEquals(List.of("api/a1", "api/a2", "web/w1", "web/a2-again"),
                order.stream().map(h -> h.cluster() + "/" + h.name()).toList());
        assertEquals(3, ClusterHosts.byEngine(order).size());
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
