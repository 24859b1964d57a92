package dev.berth.applier.lock;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        try {
            client.inspectImageCmd(NAME).exec();
        } catch (NotFoundException missing) {
            client.buildImageCmd(new ByteArrayInputStream(buildContext()))
                    .withTags(Set.of(NAME))
                    .withPull(false)
                    .start()
                    .awaitImageId();
        }
    }

    private static byte[] buildContext() {
        byte[] dockerfile = DOCKERFILE.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
            entry.setSize(dockerfile.length);
            tar.putArchiveEntry(entry);
            tar.write(dockerfile);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the lock image's build context", e);
        }
        return bytes.toByteArray();
    }
}
