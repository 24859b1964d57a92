package dev.berth.applier.task;

import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.testing.RequiresDocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import dev.berth.applier.task.ImagePreflight.Wanted;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RequiresDocker.class)
class ImagePreflightTest {
    @TempDir
    Path dir;

    @Test
    void listsEveryImageThatCannotBeHadAndFailsFast() {
        try (DockerClients clients = new DockerClients()) {
            ImagePreflight preflight = new ImagePreflight(clients, Duration.ofSeconds(20),
                    new RegistryLogins(Map.of("DOCKER_CONFIG", dir.toString()), new SecretResolver(Map.of())));
            preflight.ensure(TaskFixture.HOST, List.of(Wanted.image("berth/busybox:1")));
            long started = System.nanoTime();
            ImagesUnavailableException failure = assertThrows(ImagesUnavailableException.class, () -> preflight.ensure(
                    TaskFixture.HOST, Stream.of("berth/busybox:1", "example.invalid/web:2", "example.invalid/api:1")
                            .map(Wanted::image).toList()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String anonymously = " is not on host local and cannot be pulled from example.invalid with no credentials (none for it in "
                    + dir.resolve("config.json") + "): ";
            assertEquals(List.of("image example.invalid/api:1" + anonymously, "image example.invalid/web:2" + anonymously),
                    failure.problems().stream().map(p -> p.substring(0, p.indexOf("): ") + 3)).toList(), failure.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(25)) < 0, "took " + took);
            System.out.println("image preflight failure after " + took.toMillis() + " ms: " + failure.getMessage());
        }
    }
}
