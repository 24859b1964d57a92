package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.docker.EngineJson;
import dev.berth.schema.model.RepositoryCredentials;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure a host has every image a deployment will start, before the deployment stops anything:
 * a missing image found halfway through a rolling update would leave a service short of tasks.
 */
public final class ImagePreflight {
    public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(5);

    /**
     * An image a host must have.
     *
     * @param container   the container that runs it, for messages (null for berth's own images)
     * @param credentials the container's repositoryCredentials; null pulls with the docker CLI's logins
     */
    public record Wanted(String image, String container, RepositoryCredentials credentials) {
        /** An image pulled with the docker CLI's logins. */
        public static Wanted image(String image) {
            return new Wanted(image, null, null);
        }
    }

    private final DockerClients clients;
    private final Duration pullTimeout;
    private final RegistryLogins logins;

    /** @param pullTimeout how long one pull may take before the image counts as unavailable */
    public ImagePreflight(DockerClients clients, Duration pullTimeout, RegistryLogins logins) {
        this.clients = clients;
        this.pullTimeout = pullTimeout;
        this.logins = logins;
    }

    /**
     * Pulls the images the host lacks.
     *
     * @throws ImagesUnavailableException naming every image that is missing and could not be pulled
     */
    public void ensure(ClusterHost host, Collection<Wanted> images) {
        DockerClient client = clients.client(host.endpoint());
        List<String> problems = new ArrayList<>();
        for (Wanted wanted : images.stream().sorted(Comparator.comparing(Wanted::image)).toList()) {
            if (!present(client, wanted.image())) {
                String missing = "image " + wanted.image() + " is not on host " + host.name() + " and cannot be pulled";
                try {
                    RegistryLogins.Login login = logins.of(wanted.image(), wanted.container(), wanted.credentials());
                    pull(client, wanted.image(), login.auth()).ifPresent(reason -> problems.add(missing + " from "
                            + login.registry() + " with " + login.source() + ": " + reason));
                } catch (RegistryLoginException | SecretUnavailableException noLogin) {
                    problems.add(missing + ": " + noLogin.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ImagesUnavailableException(problems);
        }
    }

    private static boolean present(DockerClient client, String image) {
        return EngineJson.of(client).inspectImage(image).isPresent();
    }

    /** @return why the pull failed, empty when it succeeded */
    private Optional<String> pull(DockerClient client, String image, AuthConfig auth) {
        try (PullImageResultCallback pulling = client.pullImageCmd(image).withAuthConfig(auth)
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
}
