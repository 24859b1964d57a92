package dev.berth.applier.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops a container as {@code docker stop} does — its stop signal, then up to its own stop timeout
 * (the task definition's stopTimeout) before it is killed — but by signalling and polling, so a long
 * stop timeout never outlasts the client's response timeout. docker-java's model of a container's
 * config lacks StopSignal and StopTimeout, so they are read from the engine's inspect JSON.
 */
public final class GracefulStop {
    /** The engine's own defaults for a container created without them. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 10;
    private static final String DEFAULT_SIGNAL = "SIGTERM";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClient client;

    public GracefulStop(DockerClient client) {
        this.client = client;
    }

    /**
     * Returns once the container has stopped or its stop timeout has passed; a missing container is
     * stopped. What still runs then is killed by the caller's forced removal.
     */
    public void stop(String id) {
        JsonNode config;
        try {
            JsonNode inspected = inspect(id);
            if (!inspected.path("State").path("Running").asBoolean()) {
                return;
            }
            config = inspected.path("Config");
            client.killContainerCmd(id).withSignal(config.path("StopSignal").asText(DEFAULT_SIGNAL)).exec();
        } catch (NotFoundException | ConflictException stoppedMeanwhile) {
            return;
        }
        Instant deadline = Instant.now().plusSeconds(config.path("StopTimeout").asInt(DEFAULT_TIMEOUT_SECONDS));
        while (Instant.now().isBefore(deadline) && running(id)) {
            pause();
        }
    }

    private boolean running(String id) {
        try {
            return Boolean.TRUE.equals(client.inspectContainerCmd(id).exec().getState().getRunning());
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private JsonNode inspect(String id) {
        if (!(client instanceof DockerClientImpl impl)) {
            throw new IllegalStateException("no raw access to the engine through " + client.getClass().getName());
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + id + "/json")
                .build();
        try (DockerHttpClient.Response response = impl.getHttpClient().execute(request);
             InputStream body = response.getBody()) {
            if (response.getStatusCode() == 404) {
                throw new NotFoundException("no container " + id);
            }
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("inspect of " + id + " answered HTTP " + response.getStatusCode());
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("inspecting container " + id, e);
        }
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
