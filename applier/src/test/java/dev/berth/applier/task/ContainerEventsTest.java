package dev.berth.applier.task;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineJson;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RequiresDocker.class)
class ContainerEventsTest {
    private static final DockerEndpoint LOCAL = DockerEndpoint.defaultEndpoint(System.getenv());
    private static final Duration LONG = Duration.ofSeconds(20);

    private final DockerClients clients = new DockerClients();
    private final DockerClient docker = clients.client(LOCAL);
    private final LabelledObjects objects = new LabelledObjects(docker);
    private final EngineJson engine = EngineJson.of(docker);
    private final ContainerEvents events = new ContainerEvents();

    @AfterEach
    void cleanUp() {
        objects.close();
        clients.close();
    }

    @Test
    void aWatchIsToldAtOnceWhenItsContainerDiesAndNotWhenAnotherOfTheStackDoes() {
        String mine = objects.runContainer(objects.stackLabels(BerthLabels.KIND, "task"), c -> c);
        String sibling = objects.runContainer(objects.stackLabels(BerthLabels.KIND, "task"), c -> c);
        try (ContainerEvents.Watch watch = events.watch(LOCAL, docker, objects.stack(), List.of(mine))) {
            assertTrue(watch.told(), "the engine's stream is open");

            engine.killContainer(sibling, "SIGKILL");
            long paused = pause(watch, Duration.ofMillis(1_500));
            assertTrue(paused >= 1_400, "woken after " + paused + " ms by another container's death");

            engine.killContainer(mine, "SIGKILL");
            paused = pause(watch, LONG);
            assertTrue(paused < 10_000, "told of its container's death after " + paused + " ms");
        }
    }

    @Test
    void theStreamClosesWithItsLastWatchAndTheNextWatchOpensOneAgain() {
        String mine = objects.runContainer(objects.stackLabels(BerthLabels.KIND, "task"), c -> c);
        ContainerEvents.Watch first = events.watch(LOCAL, docker, objects.stack(), List.of(mine));
        ContainerEvents.Watch second = events.watch(LOCAL, docker, objects.stack(), List.of(mine));
        first.close();
        assertTrue(second.told(), "open while a watch remains");
        second.close();
        assertFalse(second.told(), "closed with the last watch");

        try (ContainerEvents.Watch again = events.watch(LOCAL, docker, objects.stack(), List.of(mine))) {
            assertTrue(again.told());
            engine.killContainer(mine, "SIGKILL");
            long paused = pause(again, LONG);
            assertTrue(paused < 10_000, "told of its container's death after " + paused + " ms");
        }
    }

    /** @return how long the pause lasted, in ms */
    private static long pause(ContainerEvents.Watch watch, Duration upTo) {
        long started = System.nanoTime();
        watch.upTo(upTo);
        return (System.nanoTime() - started) / 1_000_000;
    }
}
