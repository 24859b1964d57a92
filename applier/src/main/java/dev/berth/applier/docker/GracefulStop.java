package dev.berth.applier.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops a container as {@code docker stop} does — its stop signal, then up to its own stop timeout
 * (the task definition's stopTimeout) before it is killed — but by signalling and polling, so a long
 * stop timeout never outlasts the client's response timeout. StopSignal and StopTimeout are read from
 * the engine's inspect JSON, which has them where docker-java's model of a container's config does not.
 */
public final class GracefulStop {
    /** The engine's own defaults for a container created without them. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 10;
    private static final String DEFAULT_SIGNAL = "SIGTERM";
    private static final Duration POLL = Duration.ofMillis(200);

    private final EngineJson engine;

    public GracefulStop(DockerClient client) {
        this.engine = EngineJson.of(client);
    }

    /**
     * Returns once the container has stopped or its stop timeout has passed; a missing container is
     * stopped. What still runs then is killed by the caller's forced removal.
     */
    public void stop(String id) {
        Optional<JsonNode> inspected = engine.inspectContainer(id);
        if (inspected.isEmpty() || !running(inspected.get())) {
            return;
        }
        JsonNode config = inspected.get().path("Config");
        try {
            engine.killContainer(id, config.path("StopSignal").asText(DEFAULT_SIGNAL));
        } catch (NotFoundException | ConflictException stoppedMeanwhile) {
            return;
        }
        Instant deadline = Instant.now().plusSeconds(config.path("StopTimeout").asInt(DEFAULT_TIMEOUT_SECONDS));
        while (Instant.now().isBefore(deadline) && engine.inspectContainer(id).map(GracefulStop::running).orElse(false)) {
            pause();
        }
    }

    private static boolean running(JsonNode inspected) {
        return inspected.path("State").path("Running").asBoolean();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping a container", e);
        }
    }
}
