package dev.berth.applier.lock;

import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.EngineJson;
import dev.berth.applier.docker.TarArchive;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The image lock containers are created from: an empty image built on the host itself from
 * {@code FROM scratch}, so taking a lock needs no registry. The container is never started, so the
 * image needs no program. (docker-java's import sends its stream as JSON, which the engine rejects,
 * so the image is built rather than imported.)
 */
final class LockImage {
    static final String NAME = "berth/lock:1";
    private static final String DOCKERFILE = "FROM scratch\nCMD [\"lock\"]\n";

    private LockImage() {
    }

    /** Builds the image when missing; two processes building at once both end with an equivalent image. */
    static void ensure(DockerClient client) {
        if (EngineJson.of(client).inspectImage(NAME).isEmpty()) {
            client.buildImageCmd(new ByteArrayInputStream(TarArchive.of(Map.of("Dockerfile",
                            DOCKERFILE.getBytes(StandardCharsets.UTF_8)), 0644)))
                    .withTags(Set.of(NAME))
                    .withPull(false)
                    .start()
                    .awaitImageId();
        }
    }
}
