package dev.berth.applier.task;

import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.testing.RequiresDocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RequiresDocker.class)
class ImagePreflightTest {
    @Test
    void listsEveryImageThatCannotBeHadAndFailsFast() {
        try (DockerClients clients = new DockerClients()) {
            ImagePreflight preflight = new ImagePreflight(clients, Duration.ofSeconds(20),
                    Path.of(System.getProperty("user.home"), ".docker"));
            preflight.ensure(TaskFixture.HOST, Set.of("berth/busybox:1"));
            long started = System.nanoTime();
            ImagesUnavailableException failure = assertThrows(ImagesUnavailableException.class, () -> preflight.ensure(
                    TaskFixture.HOST, Set.of("berth/busybox:1", "example.invalid/web:2", "example.invalid/api:1")));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(List.of("image example.invalid/api:1 is not on host local and cannot be pulled: ",
                            "image example.invalid/web:2 is not on host local and cannot be pulled: "),
                    failure.problems().stream().map(p -> p.substring(0, p.indexOf(": ") + 2)).toList(), failure.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(25)) < 0, "took " + took);
            System.out.println("image preflight failure after " + took.toMillis() + " ms: " + failure.getMessage());
        }
    }
}
