package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.EngineFailures;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure a host has every image a deployment will start, before the deployment stops anything:
 * a missing image found halfway through a rolling update would leave a service short of tasks.
 */
public final class ImagePreflight {
    public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(5);

    private final DockerClients clients;
    private final Duration pullTimeout;
    private final Path dockerConfig;

    /**
     * @param pullTimeout  how long one pull may take before the image counts as unavailable
     * @param dockerConfig the directory holding the docker CLI's config.json (registry credentials)
     */
    public ImagePreflight(DockerClients clients, Duration pullTimeout, Path dockerConfig) {
        this.clients = clients;
        this.pullTimeout = pullTimeout;
        this.dockerConfig = dockerConfig;
    }

    /**
     * Pulls the images the host lacks.
     *
     * @throws ImagesUnavailableException naming every image that is missing and could not be pulled
     */
    public void ensure(ClusterHost host, Set<String> images) {
        DockerClient client = clients.client(host.endpoint());
        List<String> problems = new ArrayList<>();
        for (String image : new TreeSet<>(images)) {
            if (!present(client, image)) {
                pull(client, image).ifPresent(reason -> problems.add("image " + image + " is not on host "
                        + host.name() + " and cannot be pulled: " + reason));
            }
        }
        if (!problems.isEmpty()) {
            throw new ImagesUnavailableException(problems);
        }
    }

    private static boolean present(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException missing) {
            return false;
        }
    }

    /** @return why the pull failed, empty when it succeeded */
    private Optional<String> pull(DockerClient client, String image) {
        try (PullImageResultCallback pulling = client.pullImageCmd(image).withAuthConfig(auth(image))
                .exec(new PullImageResultCallback())) {
            if (!pulling.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of("no result within " + pullTimeout.toSeconds() + " s");
            }
            // Rethrows what the engine reported in the progress stream (unknown image, denied, no registry).
            pulling.awaitCompletion();
            return present(client, image) ? Optional.empty() : Optional.of("pull ended without the image");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (RuntimeException | IOException failure) {
            return Optional.of(EngineFailures.describe(failure));
        }
    }

    /** Credentials for the image's registry from config.json; null (anonymous) when there are none. */
    private AuthConfig auth(String image) {
        try {
            return DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerConfig(dockerConfig.toString()).build().effectiveAuthConfig(image);
        } catch (RuntimeException unreadable) {
            // Credential helpers and unreadable files are beyond docker-java; an anonymous pull may still work.
            return null;
        }
    }
}
