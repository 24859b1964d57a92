package dev.berth.applier.lock;

import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.testing.TestHosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock over three engines (h1..h3 of {@code scripts/multi-host}): a majority survives one
 * engine down, two processes racing never both hold it, and a holder killed on another machine
 * frees it within its lease.
 */
class StackLockQuorumTest {
    /** Refuses connections at once, as a stopped engine's address does. */
    private static final String DOWN = "tcp://127.0.0.1:1";
    private static List<String> hosts;

    private final DockerClients clients = new DockerClients();
    private final List<Process> processes = new ArrayList<>();
    private String stack;

    @BeforeAll
    static void engines() {
        hosts = TestHosts.sockets(3);
    }

    @BeforeEach
    void name() {
        stack = "lock-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void clear() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
        try (clients) {
            LockHoldingMain.lock(stack, StackLock.DEFAULT_LEASE, String.join(",", hosts), clients).forceUnlock();
        }
    }

    @Test
    void withTheFirstHostDownTheLockIsHeldOnTheOtherTwo() {
        StackLock lock = LockHoldingMain.lock(stack, StackLock.DEFAULT_LEASE,
                String.join(",", DOWN, hosts.get(1), hosts.get(2)), clients);

        try (StackLock.Held held = lock.acquire("apply")) {
            assertEquals(2, held.containerIds().size());
        }
    }

    @Test
    void withTwoOfThreeHostsDownNobodyCanTakeIt() {
        StackLock lock = LockHoldingMain.lock(stack, StackLock.DEFAULT_LEASE, String.join(",", DOWN, hosts.get(1), DOWN),
                clients);

        LockHostUnavailableException refused = assertThrows(LockHostUnavailableException.class,
                () -> lock.acquire("apply"));
        assertTrue(refused.getMessage().contains("1 of 3 hosts answered and the lock needs more than half of its 3 hosts"), refused.getMessage());
    }

    @Test
    void twoProcessesRacingNeverHoldItAtOnce() throws Exception {
        assertNoOverlap(String.join(",", hosts));
    }

    @Test
    void twoProcessesRacingWithTheFirstHostDownNeverHoldItAtOnce() throws Exception {
        assertNoOverlap(String.join(",", DOWN, hosts.get(1), hosts.get(2)));
    }

    @Test
    void aHolderKilledOnAnotherMachineFreesTheLockWithinItsLease() throws Exception {
        Duration lease = Duration.ofSeconds(3);
        String endpoints = String.join(",", hosts);
        Process holder = start("other-machine", "hold", stack, Long.toString(lease.toSeconds()), endpoints);
        BufferedReader out = reader(holder);
        assertEquals(LockHoldingMain.HELD, out.readLine());
        StackLock lock = LockHoldingMain.lock(stack, StackLock.DEFAULT_LEASE, endpoints, clients);
        StackLockedException locked = assertThrows(StackLockedException.class, () -> lock.acquire("apply"));
        assertTrue(locked.getMessage().contains("@other-machine since "), locked.getMessage());

        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9: no shutdown hook releases it
        long killed = System.nanoTime();
        StackLock.Held taken = null;
        while (taken == null && System.nanoTime() - killed < lease.plusSeconds(5).toNanos()) {
            try {
                taken = lock.acquire("apply");
            } catch (StackLockedException stillLeased) {
                Thread.sleep(200);
            }
        }
        assertTrue(taken != null, "not free " + lease.plusSeconds(5).toSeconds() + " s after the holder died");
        taken.close();
    }

    /** Two JVMs take and release the lock 15 times each as fast as they can; their holding intervals never meet. */
    private void assertNoOverlap(String endpoints) throws Exception {
        List<Process> racers = List.of(start(null, "race", stack, "15", endpoints, "15", "40"),
                start(null, "race", stack, "15", endpoints, "15", "40"));
        List<long[]> intervals = new ArrayList<>();
        for (Process racer : racers) {
            BufferedReader out = reader(racer);
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] fields = line.split(" ");
                intervals.add(new long[]{Long.parseLong(fields[1]), Long.parseLong(fields[2])});
            }
            assertTrue(racer.waitFor(60, TimeUnit.SECONDS), "a racer did not finish");
            assertEquals(0, racer.exitValue());
        }
        assertEquals(30, intervals.size());
        intervals.sort(Comparator.comparingLong(i -> i[0]));
        for (int i = 1; i < intervals.size(); i++) {
            assertTrue(intervals.get(i)[0] >= intervals.get(i - 1)[1], "held at once: "
                    + intervals.get(i - 1)[0] + "-" + intervals.get(i - 1)[1] + " and " + intervals.get(i)[0] + "-"
                    + intervals.get(i)[1]);
        }
    }

    /** @param hostname another machine's name (its own UTS namespace), or null for this machine */
    private Process start(String hostname, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (hostname != null) {
            command.addAll(List.of("unshare", "--uts", "sh", "-c", "hostname " + hostname + " && exec \"$@\"", "sh"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHoldingMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (hostname != null) {
            builder.environment().put("HOSTNAME", hostname);
        }
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }
}
