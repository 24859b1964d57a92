package dev.berth.applier.lock;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;

import java.time.Clock;

/**
 * Another berth process for {@link StackLockTest}: takes the lock of the stack named by its argument
 * on the local engine, says {@value #HELD}, and holds it until it is killed.
 */
public final class LockHoldingMain {
    static final String HELD = "held";

    private LockHoldingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DockerEndpoint local = DockerEndpoint.defaultEndpoint(System.getenv());
        DockerClients clients = new DockerClients();
        StackLock lock = new StackLock(args[0], new ClusterHost("main", ClusterHosts.IMPLICIT_HOST, local),
                clients.client(local), Clock.systemUTC(), System.out::println);
        lock.acquire("apply");
        System.out.println(HELD);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
