package dev.berth.applier.agent;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.planner.observed.BerthLabels;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * The engines' event streams, for a stack's containers: a task that dies, is killed for memory or
 * turns unhealthy wakes the agent at once instead of at its next observation. A stream that ends
 * (the engine went away) wakes it too; the next observation says what is left, and the agent
 * watches again.
 */
final class EngineWatch implements Closeable {
    private final List<ResultCallback.Adapter<Event>> streams = new ArrayList<>();
    private volatile boolean broken;

    EngineWatch(String stack, Collection<DockerEndpoint> engines, DockerClients clients, BlockingQueue<String> wake) {
        for (DockerEndpoint engine : engines) {
            ResultCallback.Adapter<Event> stream = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Event event) {
                    String action = event.getAction() != null ? event.getAction() : event.getStatus();
                    if (action != null && (action.equals("die") || action.equals("oom")
                            || action.equals("health_status: unhealthy"))) {
                        Map<String, String> labels = event.getActor() == null ? Map.of()
                                : event.getActor().getAttributes();
                        wake.offer(action + " " + labels.getOrDefault("name", "a container") + " on " + engine);
                    }
                }

                @Override
                public void onError(Throwable failure) {
                    broken = true;
                    wake.offer("lost the event stream of " + engine);
                }

                @Override
                public void onComplete() {
                    broken = true;
                    wake.offer("the event stream of " + engine + " ended");
                }
            };
            try {
                clients.client(engine).eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                        .withLabelFilter(Map.of(BerthLabels.STACK, stack)).exec(stream);
                streams.add(stream);
            } catch (RuntimeException unreachable) {
                broken = true;
            }
        }
    }

    /** Whether a stream ended or never began: watch anew after the next observation. */
    boolean broken() {
        return broken;
    }

    @Override
    public void close() {
        for (ResultCallback.Adapter<Event> stream : streams) {
            try {
                stream.close();
            } catch (Exception ignored) {
                // Closing a stream of an engine that went away has nothing left to do.
            }
        }
    }
}
