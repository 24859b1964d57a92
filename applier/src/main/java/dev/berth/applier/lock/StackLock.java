package dev.berth.applier.lock;

import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.schema.model.Stack;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The lock that keeps two berth runs from changing one stack at once, held on a majority of the
 * stack's engines so that no single host going down stops every apply. A run holds it when it has
 * created the lock container ({@link LockEngine}) on more than half of all the stack's engines, or
 * on exactly half when that half includes the first engine (the first counts for a little more,
 * which breaks the tie): two such sets always share an engine, so two runs, wherever they run,
 * cannot both hold it. Two hosts with the second down can still be applied to; with the first down
 * they cannot, and the refusal says why.
 * <p>
 * The holder renews a lease on those engines while it works. A run that finds a lock whose lease
 * ran out (on the engine's clock) removes it, so a holder killed on another machine frees the
 * stack within its lease; one killed on this machine is seen gone at once. The holder stops
 * changing anything ({@link Held#check}) once it has not renewed a majority for two thirds of the
 * lease, well before any engine could judge its lease over.
 * <p>
 * Engines are tried in one order every machine shares (clusters by name, hosts as declared): of
 * two runs racing, the one that takes the first engine that answers wins, and the other is refused.
 */
public final class StackLock {
    /** Long enough for a slow engine call between renewals; short enough that a dead holder is soon forgotten. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
    public static final Duration MINIMUM_LEASE = Duration.ofSeconds(3);
    /** How long a release waits for a renewal under way to finish. */
    private static final Duration RENEWAL_WAIT = Duration.ofSeconds(10);
    /** The command an agent's lock records; other commands wait out its rounds ({@link #AGENT_ROUND}). */
    public static final String AGENT = "agent";
    /** Longer than an agent's repair of a few tasks takes; an agent that holds it longer is refused as any holder. */
    private static final Duration AGENT_ROUND = Duration.ofSeconds(60);
    /** Enough to get past a holder that releases or goes stale while we look, without spinning forever. */
    private static final int ATTEMPTS = 3;
    /**
     * The tokens this process holds now. A lock of this process under another token is one it let
     * go but could not remove (its host was down then): it is taken over at once.
     */
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private final String stack;
    private final List<LockEngine> engines;
    private final Clock clock;
    private final Duration lease;
    private final Consumer<String> notices;

    StackLock(String stack, List<LockEngine> engines, Clock clock, Duration lease, Consumer<String> notices) {
        if (lease.compareTo(MINIMUM_LEASE) < 0) {
            throw new IllegalArgumentException("a lock lease of " + lease.toSeconds() + " s is shorter than the "
                    + MINIMUM_LEASE.toSeconds() + " s a renewal needs");
        }
        this.stack = stack;
        this.engines = List.copyOf(engines);
        this.clock = clock;
        this.lease = lease;
        this.notices = notices;
    }

    /** @param notices told what the lock did on the user's behalf, such as taking over a stale lock */
    public static StackLock of(Stack stack, DockerClients clients, ClusterHosts clusterHosts, Duration lease,
                               Consumer<String> notices) {
        return named(stack.stack(), stack, clients, clusterHosts, lease, notices);
    }

    /**
     * The lease of the agent that leads the stack, on the same engines as its lock but apart from
     * it: the leader holds it for as long as it runs, and takes the stack's lock for each action,
     * so an apply still gets in between. A stack name has no dot, so no stack's lock is named so.
     */
    public static StackLock leader(Stack stack, DockerClients clients, ClusterHosts clusterHosts, Duration lease,
                                   Consumer<String> notices) {
        return named(stack.stack() + ".agent", stack, clients, clusterHosts, lease, notices);
    }

    private static StackLock named(String name, Stack stack, DockerClients clients, ClusterHosts clusterHosts,
                                   Duration lease, Consumer<String> notices) {
        List<LockEngine> engines = new ArrayList<>();
        ClusterHosts.byEngine(lockOrder(stack, clusterHosts)).forEach((endpoint, sharers) ->
                engines.add(new LockEngine(name, ClusterHosts.names(sharers), clients.client(endpoint))));
        return new StackLock(name, engines, Clock.systemUTC(), lease, notices);
    }

    /** Every host of the stack, clusters by name and hosts as declared: the same order on every machine. */
    public static List<ClusterHost> lockOrder(Stack stack, ClusterHosts clusterHosts) {
        List<ClusterHost> hosts = new ArrayList<>();
        new TreeMap<>(stack.clusters()).forEach((name, cluster) -> hosts.addAll(clusterHosts.of(name, cluster)));
        return hosts;
    }

    static boolean holding(String token) {
        return token != null && HELD.contains(token);
    }

    public static String containerName(String stack) {
        return "berth-lock-" + stack;
    }

    /** Whether holding these engines is holding the lock: more than half of all, or half with the first. */
    boolean majority(Collection<LockEngine> held) {
        int total = engines.size();
        return 2 * held.size() > total || 2 * held.size() == total && held.contains(engines.getFirst());
    }

    /** The rule, for refusals. */
    private String rule() {
        return engines.size() == 1 ? "its host" : engines.size() % 2 == 1
                ? "more than half of its " + engines.size() + " hosts"
                : "more than half of its " + engines.size() + " hosts, or half with " + engines.getFirst().names();
    }

    /**
     * Takes the lock for {@code command}. The lock is released by closing the result, or when the
     * JVM exits (Ctrl-C included).
     *
     * @throws StackLockedException         another run holds it
     * @throws LockHostUnavailableException too few engines answered to hold a majority
     */
    public Held acquire(String command) {
        LockHolder me = LockHolder.thisProcess(command, clock);
        String token = UUID.randomUUID().toString().replace("-", "");
        // Counted as held from the first create on, so another thread of this process never takes it for let go.
        HELD.add(token);
        try {
            return acquire(me, token);
        } catch (RuntimeException refused) {
            HELD.remove(token);
            throw refused;
        }
    }

    private Held acquire(LockHolder me, String token) {
        long firstTry = System.nanoTime();
        boolean waitedForAgent = false;
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            Map<LockEngine, String> taken = new LinkedHashMap<>();
            List<String> unreachable = new ArrayList<>();
            LockEngine.Take.HeldBy blocker = null;
            boolean contended = false;
            for (Map.Entry<LockEngine, LockEngine.Take> tried : take(me, token).entrySet()) {
                LockEngine engine = tried.getKey();
                LockEngine.Take take = tried.getValue();
                if (blocker != null || contended) {
                    // Taken at once with the ones before the engine that refused: not held, let go below.
                    if (take instanceof LockEngine.Take.Taken t) {
                        engine.release(t.containerId(), token, false);
                    }
                } else if (take instanceof LockEngine.Take.Taken t) {
                    taken.put(engine, t.containerId());
                } else if (take instanceof LockEngine.Take.HeldBy h) {
                    blocker = h;
                } else if (take instanceof LockEngine.Take.Contended) {
                    contended = true;
                } else if (take instanceof LockEngine.Take.Unreachable u) {
                    unreachable.add(engine.names() + ": " + u.reason());
                }
            }
            if (majority(taken.keySet())) {
                return new Held(this, token, taken, started);
            }
            taken.forEach((engine, id) -> engine.release(id, token, false));
            // Refused at the first engine that answered: its holder won the race outright.
            boolean outright = blocker != null && taken.isEmpty();
            if (blocker != null && AGENT.equals(blocker.lock().holder().command())
                    && System.nanoTime() - firstTry < AGENT_ROUND.toNanos()) {
                // An agent holds the lock only for one repair: wait for it rather than refuse.
                if (!waitedForAgent) {
                    notices.accept("waiting for berth agent (" + blocker.lock().holder().describe()
                            + ") to finish its repair of stack " + stack);
                    waitedForAgent = true;
                }
                pause(Duration.ofMillis(ThreadLocalRandom.current().nextLong(200, 500)));
                attempt = 0;
                continue;
            }
            if (blocker != null && (outright || attempt == ATTEMPTS)) {
                throw new StackLockedException(stack, blocker.lock().holder(), blocker.lock().leaseSeconds());
            }
            if (contended && attempt == ATTEMPTS) {
                throw new StackLockException("the lock of stack " + stack + " changed hands too often while berth "
                        + "tried to take it; try again");
            }
            if (blocker == null && !contended) {
                throw new LockHostUnavailableException("cannot take the lock of stack " + stack + ": "
                        + (engines.size() - unreachable.size()) + " of " + engines.size()
                        + " hosts answered and the lock needs " + rule() + " (" + String.join("; ", unreachable)
                        + ")");
            }
            pause(Duration.ofMillis(ThreadLocalRandom.current().nextLong(100, 400)));
        }
    }

    /**
     * Tries every engine, in the lock's order until one is taken (who takes the first engine that
     * answers wins a race, so that one must come first), the others at once after it. A holder
     * found on one of them refuses the run as if the engines after it had not been tried.
     */
    private Map<LockEngine, LockEngine.Take> take(LockHolder me, String token) {
        Map<LockEngine, LockEngine.Take> tried = new LinkedHashMap<>();
        int next = 0;
        while (next < engines.size()) {
            LockEngine engine = engines.get(next++);
            LockEngine.Take take = engine.take(me, token, lease.toSeconds(), notices);
            tried.put(engine, take);
            if (take instanceof LockEngine.Take.Taken) {
                break;
            }
            if (!(take instanceof LockEngine.Take.Unreachable)) {
                return tried;
            }
        }
        List<LockEngine> rest = engines.subList(next, engines.size());
        for (var attempt : Fanout.attempt(rest, engine -> engine.take(me, token, lease.toSeconds(), notices))) {
            if (!attempt.ok()) {
                // take() answers an engine's failure as Unreachable; what it throws is berth's own refusal.
                throw attempt.failure();
            }
            tried.put(attempt.item(), attempt.value());
        }
        return tried;
    }

    /** Who holds the lock, as the first engine that has one says; empty when none does. */
    public Optional<LockHolder> holder() {
        for (LockEngine engine : engines) {
            try {
                Optional<LockEngine.Lock> lock = engine.current();
                if (lock.isPresent()) {
                    return Optional.of(lock.get().holder());
                }
            } catch (StackLockException berthsOwn) {
                throw berthsOwn;
            } catch (RuntimeException unreachable) {
                // Another engine may still say.
            }
        }
        return Optional.empty();
    }

    /**
     * Removes the lock from every engine that answers, whoever holds it, for a run that cannot
     * release it.
     *
     * @return who held it; empty when the stack was not locked
     * @throws LockHostUnavailableException no engine answered
     */
    public Optional<LockHolder> forceUnlock() {
        Optional<LockHolder> holder = Optional.empty();
        List<String> unreachable = new ArrayList<>();
        for (LockEngine engine : engines) {
            try {
                Optional<LockEngine.Lock> lock = engine.current();
                if (lock.isPresent()) {
                    engine.remove(lock.get());
                    holder = holder.or(() -> Optional.of(lock.get().holder()));
                }
            } catch (StackLockException berthsOwn) {
                throw berthsOwn;
            } catch (RuntimeException failure) {
                unreachable.add(engine.names() + ": " + EngineFailures.describe(failure));
            }
        }
        if (unreachable.size() == engines.size()) {
            throw new LockHostUnavailableException("cannot clear the lock of stack " + stack + ": no host answered ("
                    + String.join("; ", unreachable) + ")");
        }
        return holder;
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackLockException("interrupted while taking the lock");
        }
    }

    /**
     * A lock this process holds. A virtual thread renews its lease every fifth of it; closing
     * releases it, and a shutdown hook releases it if the JVM exits first.
     */
    public static final class Held implements AutoCloseable, LeaseGuard {
        private final StackLock lock;
        private final String token;
        private final Map<LockEngine, String> engines;
        private final Thread renewer;
        private final Thread releaseOnExit;
        /** System.nanoTime() when the last renewal that reached a majority began. */
        private volatile long renewedAt;
        private volatile String lost;
        private volatile boolean renewed;
        private boolean released;
        /** Held for a whole renewal, so that release does not cut one off halfway. */
        private final ReentrantLock renewal = new ReentrantLock();
        private volatile boolean closing;

        private Held(StackLock lock, String token, Map<LockEngine, String> engines, long renewedAt) {
            this.lock = lock;
            this.token = token;
            this.engines = new LinkedHashMap<>(engines);
            this.renewedAt = renewedAt;
            this.renewer = Thread.ofVirtual().name("berth-renew-lock-" + lock.stack).start(this::renewLoop);
            this.releaseOnExit = new Thread(this::releaseOnExit, "berth-release-lock-" + lock.stack);
            Runtime.getRuntime().addShutdownHook(releaseOnExit);
        }

        /** The lock containers this process holds, one per engine. */
        public List<String> containerIds() {
            synchronized (engines) {
                return List.copyOf(engines.values());
            }
        }

        /**
         * @throws LockLostException the lease was not renewed on a majority for two thirds of it, or
         *                           another run took over enough engines
         */
        @Override
        public void check() {
            if (lost == null && System.nanoTime() - renewedAt > validity().toNanos()) {
                awaitRenewalUnderWay(renewedAt);
            }
            if (lost != null) {
                throw new LockLostException(lost);
            }
            long sinceRenewal = System.nanoTime() - renewedAt;
            if (sinceRenewal > validity().toNanos()) {
                throw new LockLostException("the lock of stack " + lock.stack + " could not be renewed on "
                        + lock.rule() + " for " + Duration.ofNanos(sinceRenewal).toSeconds()
                        + " s, so another run may hold it now; stopped before changing anything more");
            }
        }

        /**
         * A loaded engine can take seconds to create a stamp; a renewal under way is waited for
         * rather than taken for a lost lock. Nothing changes while waiting, and the wait ends before
         * the lease of the last renewal could run out on any engine.
         */
        private void awaitRenewalUnderWay(long lastRenewal) {
            long left = lastRenewal + lock.lease.toNanos() - System.nanoTime();
            try {
                if (left > 0 && renewal.tryLock(left, TimeUnit.NANOSECONDS)) {
                    renewal.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Duration validity() {
            return lock.lease.multipliedBy(2).dividedBy(3);
        }

        /**
         * Renewals start every fifth of the lease, counted from the start of the one before: a slow
         * one is followed at once, not a fifth later, so the renewal that counts is never older
         * than two slow ones.
         */
        private void renewLoop() {
            long every = lock.lease.dividedBy(5).toNanos();
            long next = System.nanoTime();
            for (long sequence = 1; ; sequence++) {
                next = Math.max(next + every, System.nanoTime());
                try {
                    Thread.sleep(Duration.ofNanos(next - System.nanoTime()));
                } catch (InterruptedException woken) {
                    return;
                }
                renewal.lock();
                try {
                    if (closing) {
                        return;
                    }
                    renew(sequence);
                } finally {
                    renewal.unlock();
                }
            }
        }

        private void renew(long sequence) {
            long started = System.nanoTime();
            renewed = true;
            List<LockEngine> held = new ArrayList<>();
            List<LockEngine> gone = new ArrayList<>();
            // All engines at once, so that one slow engine does not age the others' renewal.
            for (var attempt : Fanout.attempt(List.copyOf(engines.entrySet()),
                    engine -> engine.getKey().renew(engine.getValue(), token, sequence))) {
                if (!attempt.ok()) {
                    continue; // not renewed there this time; the lease covers a few misses
                }
                (attempt.value() ? held : gone).add(attempt.item().getKey());
            }
            synchronized (engines) {
                gone.forEach(engines::remove);
                if (!lock.majority(engines.keySet())) {
                    lost = "the lock of stack " + lock.stack + " was taken over on " + gone.stream()
                            .map(LockEngine::names).toList() + ", so this run no longer holds a majority; stopped "
                            + "before changing anything more";
                }
            }
            if (lock.majority(held)) {
                renewedAt = started;
            }
        }

        /**
         * Releases the lock on every engine that answers. One that does not keeps its part until the
         * lease runs out (at once for a run of this machine, seen gone): a notice says so, and the
         * run's own outcome stands.
         */
        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(releaseOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to; it releases the lock.
            }
            release().forEach(lock.notices);
        }

        /** Nobody is left to catch a failure here, so it is said in one line on stderr. */
        private void releaseOnExit() {
            release().forEach(failure -> System.err.println("berth: " + failure));
        }

        /** @return a line for each engine where the lock could not be removed */
        private synchronized List<String> release() {
            if (released) {
                return List.of();
            }
            released = true;
            HELD.remove(token);
            // Interrupting a renewal in flight would abandon its request, not the engine's work: a
            // stamp created after the release looked for stamps would be left behind for good. So
            // the renewal under way finishes first (bounded, for Ctrl-C with a hung engine), and
            // none starts after.
            closing = true;
            try {
                if (renewal.tryLock(RENEWAL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    renewal.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            renewer.interrupt();
            List<String> failures = new ArrayList<>();
            synchronized (engines) {
                engines.forEach((engine, id) -> {
                    try {
                        engine.release(id, token, renewed);
                    } catch (RuntimeException failure) {
                        failures.add("could not release the lock of stack " + lock.stack + " on " + engine.names()
                                + " (" + EngineFailures.describe(failure) + "); it frees itself within "
                                + lock.lease.toSeconds() + " s, or run: berth force-unlock " + lock.stack);
                    }
                });
            }
            return failures;
        }
    }
}
