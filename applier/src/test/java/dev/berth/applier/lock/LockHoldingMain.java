package dev.berth.applier.lock;

import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Another berth process for the lock tests, on the engines its arguments name:
 * {@code hold STACK LEASE_SECONDS ENDPOINTS} takes the lock, says {@value #HELD} and holds it until
 * it is killed; {@code race STACK LEASE_SECONDS ENDPOINTS ROUNDS HOLD_MILLIS} takes it ROUNDS times,
 * each time as soon as it can, holds it HOLD_MILLIS and prints {@code interval START END} (epoch
 * milliseconds, taken after acquire returned and before release began).
 */
public final class LockHoldingMain {
    static final String HELD = "held";

    private LockHoldingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DockerClients clients = new DockerClients();
        StackLock lock = lock(args[1], Duration.ofSeconds(Long.parseLong(args[2])), args[3], clients);
        if (args[0].equals("hold")) {
            lock.acquire("apply");
            System.out.println(HELD);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        int rounds = Integer.parseInt(args[4]);
        long holdMillis = Long.parseLong(args[5]);
        for (int round = 0; round < rounds; round++) {
            StackLock.Held held = acquireWhenFree(lock);
            long start = System.currentTimeMillis();
            Thread.sleep(holdMillis);
            held.check();
            long end = System.currentTimeMillis();
            held.close();
            System.out.println("interval " + start + " " + end);
        }
        System.out.flush();
        System.exit(0);
    }

    /** The lock over these engines, in the order given (every process must give the same). */
    static StackLock lock(String stack, Duration lease, String endpoints, DockerClients clients) {
        List<LockEngine> engines = Arrays.stream(endpoints.split(","))
                .map(e -> DockerEndpoint.parse(e, Map.of()))
                .map(e -> new LockEngine(stack, e.toString(), clients.client(e)))
                .toList();
        return new StackLock(stack, engines, Clock.systemUTC(), lease, notice -> { });
    }

    private static StackLock.Held acquireWhenFree(StackLock lock) throws InterruptedException {
        while (true) {
            try {
                return lock.acquire("apply");
            } catch (LockHostUnavailableException unreachable) {
                throw unreachable;
            } catch (StackLockException taken) {
                Thread.sleep(10);
            }
        }
    }
}
