package dev.berth.applier.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.docker.EngineJson;
import dev.berth.planner.observed.BerthLabels;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The stack's lock on one engine: a container named {@code berth-lock-<stack>}, created and never
 * started (the engine reserves names atomically, so of two runs creating it at once exactly one
 * succeeds), labelled with its holder, a token and the lease. Its holder renews the lease by
 * creating a stamp container carrying the token; the engine's own clock dates both, so whether a
 * lease ran out is judged on one clock, never by comparing machines' clocks.
 */
final class LockEngine {
    static final String TOKEN = "berth.lock.token";
    static final String LEASE = "berth.lock.lease-seconds";
    static final String STAMP = "berth.lock.stamp";
    /** Container creation times have whole seconds: a lease is judged over by a second more than it says. */
    private static final long CLOCK_GRANULARITY_SECONDS = 1;

    private final String stack;
    private final String names;
    private final DockerClient client;
    private final EngineJson engine;

    /** @param names the cluster hosts naming the engine, for messages ("main/h1") */
    LockEngine(String stack, String names, DockerClient client) {
        this.stack = stack;
        this.names = names;
        this.client = client;
        this.engine = EngineJson.of(client);
    }

    String names() {
        return names;
    }

    /** What trying to take the lock on this engine gave. */
    sealed interface Take {
        record Taken(String containerId) implements Take {
        }

        record HeldBy(Lock lock) implements Take {
        }

        record Unreachable(String reason) implements Take {
        }

        /** Others took and released it faster than this run could look: worth another try. */
        record Contended() implements Take {
        }
    }

    /** Enough to get past holders that release while we look, without spinning forever. */
    private static final int TRIES = 5;

    /**
     * Creates the lock container; a lock in the way is removed first when its holder ran on this
     * machine and is gone, or when its lease ran out on this engine's clock.
     */
    Take take(LockHolder me, String token, long leaseSeconds, Consumer<String> notices) {
        try {
            for (int attempt = 0; attempt < TRIES; attempt++) {
                try {
                    return new Take.Taken(create(StackLock.containerName(stack), labels(me, token, leaseSeconds)));
                } catch (ConflictException taken) {
                    Optional<Lock> existing = current();
                    if (existing.isEmpty()) {
                        continue;
                    }
                    Lock lock = existing.get();
                    Optional<String> stale = lock.holder().staleOnThisMachine()
                            .or(() -> lock.holder().isThisProcess() && !StackLock.holding(lock.token())
                                    ? Optional.of("this process let it go") : Optional.empty())
                            .or(() -> leaseRanOut(lock) ? Optional.of("its lease ran out") : Optional.empty());
                    if (stale.isEmpty()) {
                        return new Take.HeldBy(lock);
                    }
                    remove(lock);
                    notices.accept("took over a stale lock of pid " + lock.holder().pid() + " on "
                            + lock.holder().machine() + " (" + stale.get() + ") on " + names);
                }
            }
            return new Take.Contended();
        } catch (StackLockException berthsOwn) {
            throw berthsOwn;
        } catch (RuntimeException failure) {
            return new Take.Unreachable(EngineFailures.describe(failure));
        }
    }

    /**
     * Dates the lease anew with a stamp and checks the lock is still this token's.
     *
     * @return false when the lock container is gone or another's: this engine is lost to the holder
     */
    boolean renew(String containerId, String token, long sequence) {
        String stamp = StackLock.containerName(stack) + "-" + token.substring(0, 8) + "-" + sequence;
        Map<String, String> labels = Map.of(BerthLabels.STACK, stack, BerthLabels.KIND, BerthLabels.KIND_LOCK,
                TOKEN, token, STAMP, "true");
        create(stamp, labels);
        if (!ours(containerId, token)) {
            engine.removeContainer(stamp, false);
            return false;
        }
        // The first renewal has no earlier stamp; removing a missing container is fine.
        engine.removeContainer(StackLock.containerName(stack) + "-" + token.substring(0, 8) + "-" + (sequence - 1),
                false);
        return true;
    }

    /**
     * Creates a lock or stamp container. The image is looked for only when the engine lacks it:
     * asking first would cost every apply a round trip to each engine before its lock. Written as
     * a JSON tree: docker-java's writer of a container create (some 150 properties introspected)
     * would be built for three fields, on the way to every lock.
     */
    private String create(String name, Map<String, String> labels) {
        ObjectNode config = EngineJson.object().put("Image", LockImage.NAME);
        config.putArray("Cmd").add("lock");
        config.set("Labels", EngineJson.strings(labels));
        for (boolean built = false; ; built = true) {
            try {
                return engine.createContainer(name, config);
            } catch (NotFoundException noImage) {
                if (built) {
                    throw noImage;
                }
                LockImage.ensure(client);
            }
        }
    }

    /** Who holds the lock here, if anyone. */
    Optional<Lock> current() {
        Optional<JsonNode> found = engine.inspectContainer(StackLock.containerName(stack));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode container = found.get();
        Map<String, String> labels = EngineJson.stringMap(container.path("Config").path("Labels"));
        if (!stack.equals(labels.get(BerthLabels.STACK)) || !BerthLabels.KIND_LOCK.equals(labels.get(BerthLabels.KIND))) {
            throw new StackLockException("container " + StackLock.containerName(stack) + " on " + names
                    + " is not berth's lock of stack " + stack + " (labels " + BerthLabels.STACK + "="
                    + labels.get(BerthLabels.STACK) + ", " + BerthLabels.KIND + "=" + labels.get(BerthLabels.KIND)
                    + "); rename or remove it");
        }
        return Optional.of(new Lock(container.path("Id").asText(), LockHolder.fromLabels(labels), labels.get(TOKEN),
                leaseOf(labels.get(LEASE))));
    }

    /** Removes the lock (by id, so one taken meanwhile under the same name stays) and its stamps. */
    void remove(Lock lock) {
        engine.removeContainer(lock.containerId(), false);
        if (lock.token() != null) {
            stamps(lock.token()).forEach(c -> engine.removeContainer(c.path("Id").asText(), false));
        }
    }

    /** Releases what this process holds here; without a renewal there is no stamp to look for. */
    void release(String containerId, String token, boolean renewed) {
        remove(new Lock(containerId, null, renewed ? token : null, 0));
    }

    /**
     * Whether the lease ran out, on this engine's clock: no stamp (nor the lock itself) is younger
     * than the lease. A lock without a lease (an older berth's) never runs out.
     */
    private boolean leaseRanOut(Lock lock) {
        if (lock.token() == null || lock.leaseSeconds() <= 0) {
            return false;
        }
        long now = OffsetDateTime.parse(engine.info().path("SystemTime").asText()).toEpochSecond();
        long latest = stamps(lock.token()).stream().mapToLong(c -> c.path("Created").asLong()).max()
                .orElse(Long.MIN_VALUE);
        return now - latest > lock.leaseSeconds() + CLOCK_GRANULARITY_SECONDS;
    }

    /** The lock container and every stamp of the token. */
    private List<JsonNode> stamps(String token) {
        return engine.listContainers(List.of(BerthLabels.STACK + "=" + stack, TOKEN + "=" + token));
    }

    private boolean ours(String containerId, String token) {
        return engine.inspectContainer(containerId)
                .map(container -> token.equals(container.path("Config").path("Labels").path(TOKEN).textValue()))
                .orElse(false);
    }


    private Map<String, String> labels(LockHolder me, String token, long leaseSeconds) {
        Map<String, String> labels = new LinkedHashMap<>(me.labels(stack));
        labels.put(TOKEN, token);
        labels.put(LEASE, Long.toString(leaseSeconds));
        return labels;
    }

    private static long leaseOf(String label) {
        try {
            return label == null ? 0 : Long.parseLong(label.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** @param token null for a lock an older berth took, without a lease */
    record Lock(String containerId, LockHolder holder, String token, long leaseSeconds) {
    }
}
