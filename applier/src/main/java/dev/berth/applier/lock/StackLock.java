package dev.berth.applier.lock;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.schema.model.Stack;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The lock that keeps two berth runs from changing one stack at once. It is a container named
 * {@code berth-lock-<stack>} on the first host of the stack's first cluster (by name): created, never
 * started. The engine reserves container names atomically, so of two runs creating it at once exactly
 * one succeeds, whichever machine they run on, and the loser reads the holder from its labels.
 */
public final class StackLock {
    /** Enough to get past a holder that releases or goes stale while we look, without spinning forever. */
    private static final int ATTEMPTS = 3;

    private final String stack;
    private final ClusterHost host;
    private final DockerClient client;
    private final Clock clock;
    private final Consumer<String> notices;

    StackLock(String stack, ClusterHost host, DockerClient client, Clock clock, Consumer<String> notices) {
        this.stack = stack;
        this.host = host;
        this.client = client;
        this.clock = clock;
        this.notices = notices;
    }

    /** @param notices told what the lock did on the user's behalf, such as taking over a stale lock */
    public static StackLock of(Stack stack, DockerClients clients, ClusterHosts clusterHosts, Consumer<String> notices) {
        ClusterHost host = lockHost(stack, clusterHosts);
        return new StackLock(stack.stack(), host, clients.client(host.endpoint()), Clock.systemUTC(), notices);
    }

    /** The first host of the first cluster in name order: the same for every machine reading the stack. */
    public static ClusterHost lockHost(Stack stack, ClusterHosts clusterHosts) {
        var first = new TreeMap<>(stack.clusters()).firstEntry();
        if (first == null) {
            throw new IllegalArgumentException("stack " + stack.stack() + " has no cluster to keep its lock on");
        }
        return clusterHosts.of(first.getKey(), first.getValue()).getFirst();
    }

    public static String containerName(String stack) {
        return "berth-lock-" + stack;
    }

    public ClusterHost host() {
        return host;
    }

    /**
     * Takes the lock for {@code command}, taking over a lock whose holder ran on this machine and is
     * gone. The lock is released by closing the result, or when the JVM exits (Ctrl-C included).
     *
     * @throws StackLockedException         another run holds it
     * @throws LockHostUnavailableException the lock host did not answer
     */
    public Held acquire(String command) {
        LockHolder me = LockHolder.thisProcess(command, clock);
        return onLockHost(() -> {
            LockImage.ensure(client);
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    String id = client.createContainerCmd(LockImage.NAME)
                            .withName(containerName(stack))
                            .withCmd("lock")
                            .withLabels(me.labels(stack))
                            .exec().getId();
                    return new Held(this, id);
                } catch (ConflictException taken) {
                    // Empty: released between our create and our look, so simply try again.
                    Optional<Lock> existing = current();
                    if (existing.isPresent()) {
                        LockHolder holder = existing.get().holder();
                        String stale = holder.staleOnThisMachine()
                                .orElseThrow(() -> new StackLockedException(stack, holder));
                        remove(existing.get().containerId());
                        notices.accept("took over a stale lock of pid " + holder.pid() + " (" + stale + ")");
                    }
                }
            }
            throw new StackLockException("the lock of stack " + stack + " changed hands " + ATTEMPTS
                    + " times while berth tried to take it; try again");
        });
    }

    /** Who holds the lock now, if anyone. */
    public Optional<LockHolder> holder() {
        return onLockHost(() -> current().map(Lock::holder));
    }

    /**
     * Removes the lock whoever holds it, for a run that died on another machine.
     *
     * @return who held it; empty when the stack was not locked
     */
    public Optional<LockHolder> forceUnlock() {
        return onLockHost(() -> {
            Optional<Lock> existing = current();
            existing.ifPresent(lock -> remove(lock.containerId()));
            return existing.map(Lock::holder);
        });
    }

    /** The lock container, refusing one that merely has the name without being berth's lock of this stack. */
    private Optional<Lock> current() {
        InspectContainerResponse container;
        try {
            container = client.inspectContainerCmd(containerName(stack)).exec();
        } catch (NotFoundException unlocked) {
            return Optional.empty();
        }
        Map<String, String> labels = container.getConfig().getLabels() == null ? Map.of()
                : container.getConfig().getLabels();
        if (!stack.equals(labels.get(BerthLabels.STACK)) || !BerthLabels.KIND_LOCK.equals(labels.get(BerthLabels.KIND))) {
            throw new StackLockException("container " + containerName(stack) + " on " + hostName()
                    + " is not berth's lock of stack " + stack + " (labels " + BerthLabels.STACK + "="
                    + labels.get(BerthLabels.STACK) + ", " + BerthLabels.KIND + "=" + labels.get(BerthLabels.KIND)
                    + "); rename or remove it");
        }
        return Optional.of(new Lock(container.getId(), LockHolder.fromLabels(labels)));
    }

    /** Removes by id, so a lock someone else took meanwhile under the same name is never removed. */
    void remove(String containerId) {
        try {
            client.removeContainerCmd(containerId).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // Released or cleared by someone else: the outcome we wanted.
        }
    }

    private <T> T onLockHost(Supplier<T> call) {
        try {
            return call.get();
        } catch (StackLockException berthsOwn) {
            throw berthsOwn;
        } catch (RuntimeException failure) {
            throw new LockHostUnavailableException("cannot use the lock of stack " + stack + " on " + hostName()
                    + ": " + EngineFailures.describe(failure), failure);
        }
    }

    private String hostName() {
        return "host " + host.name() + " of cluster " + host.cluster() + " (" + host.endpoint() + ")";
    }

    private record Lock(String containerId, LockHolder holder) {
    }

    /** A lock this process holds. Closing releases it; a shutdown hook releases it if the JVM exits first. */
    public static final class Held implements AutoCloseable {
        private final StackLock lock;
        private final String containerId;
        private final Thread releaseOnExit;
        private boolean released;

        private Held(StackLock lock, String containerId) {
            this.lock = lock;
            this.containerId = containerId;
            this.releaseOnExit = new Thread(this::releaseOnExit, "berth-release-lock-" + lock.stack);
            Runtime.getRuntime().addShutdownHook(releaseOnExit);
        }

        public String containerId() {
            return containerId;
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(releaseOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to; it releases the lock.
            }
            release();
        }

        /** Nobody is left to catch a failure here, so it is said in one line rather than as a stack trace. */
        private void releaseOnExit() {
            try {
                release();
            } catch (RuntimeException failure) {
                System.err.println("berth: could not release the lock of stack " + lock.stack + ": "
                        + EngineFailures.describe(failure) + "; run: berth force-unlock " + lock.stack);
            }
        }

        private synchronized void release() {
            if (!released) {
                lock.remove(containerId);
                released = true;
            }
        }
    }
}
