package dev.berth.applier.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineJson;
import dev.berth.planner.observed.BerthLabels;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What the engines report of a stack's containers while health waits run on them: a container that
 * dies, is killed for memory, turns healthy or unhealthy, or is removed wakes the waits on it at
 * once. A wait that is told so sleeps until its containers change or it expects an answer, rather
 * than asking the engine every second and every 100 ms after each probe: a deployment of 60 tasks
 * with health checks made some 460 inspects that way.
 * <p>
 * One stream per engine and stack while any wait on it runs. A stream that breaks (the engine went
 * away, or stayed silent past the client's response timeout) wakes every wait on it, each of which
 * asks the engine once; until the next watch opens one again, waits are not told, and poll as before.
 */
final class ContainerEvents {
    private static final List<String> ACTIONS = List.of("die", "oom", "health_status", "destroy");

    private final Map<List<Object>, HostEvents> hosts = new ConcurrentHashMap<>();

    /**
     * Starts watching these containers; the engine's stream is subscribed when this returns, so a
     * judgement made after it misses nothing the watch would have told.
     */
    Watch watch(DockerEndpoint endpoint, DockerClient client, String stack, Collection<String> containerIds) {
        HostEvents host = hosts.computeIfAbsent(List.of(endpoint, stack), key -> new HostEvents(client, stack));
        Watch watch = new Watch(host, Set.copyOf(containerIds));
        host.add(watch);
        return watch;
    }

    /** One wait's view: it pauses until told of a change to its containers, or for as long as it asked. */
    static final class Watch implements AutoCloseable, Polling.Pause {
        private final HostEvents host;
        private final Set<String> containerIds;
        private final Semaphore changed = new Semaphore(0);

        private Watch(HostEvents host, Set<String> containerIds) {
            this.host = host;
            this.containerIds = containerIds;
        }

        @Override
        public boolean told() {
            return host.live();
        }

        @Override
        public void upTo(Duration pause) {
            try {
                changed.tryAcquire(pause.toNanos(), TimeUnit.NANOSECONDS);
                changed.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Docker", e);
            }
        }

        private void wake() {
            changed.release();
        }

        @Override
        public void close() {
            host.remove(this);
        }
    }

    /** The stream of one engine, open while it has watches. */
    private static final class HostEvents {
        private final EngineJson engine;
        private final List<String> stackLabel;
        private final Map<String, Set<Watch>> byContainer = new HashMap<>();
        private int watches;
        /** Null while no stream is open: none is needed, or the last could not be opened. */
        private EngineJson.EventStream stream;

        HostEvents(DockerClient client, String stack) {
            this.engine = EngineJson.of(client);
            this.stackLabel = List.of(BerthLabels.STACK + "=" + stack);
        }

        synchronized boolean live() {
            return stream != null;
        }

        synchronized void add(Watch watch) {
            watches++;
            watch.containerIds.forEach(id -> byContainer.computeIfAbsent(id, i -> new HashSet<>()).add(watch));
            if (stream == null) {
                open();
            }
        }

        synchronized void remove(Watch watch) {
            watches--;
            watch.containerIds.forEach(id -> {
                Set<Watch> on = byContainer.get(id);
                if (on != null && on.remove(watch) && on.isEmpty()) {
                    byContainer.remove(id);
                }
            });
            if (watches == 0 && stream != null) {
                stream.close();
                stream = null;
            }
        }

        /** Holding the monitor. An engine that refuses leaves the waits polling until the next watch tries again. */
        private void open() {
            try {
                EngineJson.EventStream opened = engine.containerEvents(ACTIONS, stackLabel);
                stream = opened;
                Thread.ofVirtual().name("container-events").start(() -> read(opened));
            } catch (RuntimeException refused) {
                stream = null;
            }
        }

        private void read(EngineJson.EventStream from) {
            try {
                for (JsonNode event = from.next(); event != null; event = from.next()) {
                    wake(event.path("id").asText());
                }
            } catch (RuntimeException broken) {
                // Closed by the last watch, or broken: which, the monitor below says.
            }
            synchronized (this) {
                if (stream != from) {
                    return;
                }
                from.close();
                stream = null;
                // Whatever happened since it broke is unknown: every wait asks the engine, and polls
                // until the next watch opens a stream again (not here: an engine that ends every stream
                // at once would make this a loop).
                byContainer.values().forEach(on -> on.forEach(Watch::wake));
            }
        }

        private synchronized void wake(String containerId) {
            Set<Watch> on = byContainer.get(containerId);
            if (on != null) {
                on.forEach(Watch::wake);
            }
        }
    }
}
