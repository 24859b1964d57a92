package dev.berth.planner.expected;

import dev.berth.planner.observed.ContainerConfig;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.berth.planner.expected.Definitions.container;
import static dev.berth.planner.expected.Definitions.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ExpectedContainerConfigTest {
    private static final ContainerDefinition APP = container("app", "berth/busybox:1", List.of("httpd", "-f"),
            List.of(new KeyValuePair("GREETING", "hi")), List.of(new Secret("TOKEN", "env:TOKEN")), null, null, 64);

    @Test
    void takesImageCommandEnvironmentButNotSecrets() {
        ContainerConfig config = ExpectedContainerConfig.of(task(512, 256, APP), APP);

        assertEquals(new ContainerConfig("berth/busybox:1", List.of("httpd", "-f"), List.of(),
                Map.of("GREETING", "hi"), 256L, 64L, 512), config);
    }

    @Test
    void aLoneContainerGetsTheTaskMemoryButOneOfSeveralDoesNot() {
        ContainerDefinition side = container("side", "berth/busybox:1");
        TaskDefinition two = task(null, 256, APP, side);

        assertEquals(256L, ExpectedContainerConfig.of(task(null, 256, side), side).memoryMiB());
        assertNull(ExpectedContainerConfig.of(two, side).memoryMiB());
    }

    @Test
    void containerMemoryWinsOverTaskMemory() {
        ContainerDefinition own = container("own", "x", List.of(), List.of(), List.of(), null, 128, null);

        assertEquals(128L, ExpectedContainerConfig.of(task(null, 1024, own), own).memoryMiB());
    }

    @Test
    void taskCpuIsSharedEvenlyAndNeverBelowDockersMinimum() {
        ContainerDefinition a = container("a", "x");
        ContainerDefinition b = container("b", "x");
        ContainerDefinition pinned = container("p", "x", List.of(), List.of(), List.of(), 300, null, null);

        assertEquals(512, ExpectedContainerConfig.of(task(1024, null, a, b), a).cpuShares());
        assertEquals(300, ExpectedContainerConfig.of(task(1024, null, pinned, b), pinned).cpuShares());
        assertEquals(2, ExpectedContainerConfig.of(task(3, null, a, b), a).cpuShares());
        assertNull(ExpectedContainerConfig.of(task(null, null, a), a).cpuShares());
    }

    @Test
    void describesEachDifferenceInAFixedOrder() {
        ContainerConfig expected = new ContainerConfig("berth/busybox:1", List.of("httpd"), List.of(),
                Map.of("GREETING", "hi", "MODE", "prod"), 256L, null, 512);
        ContainerConfig observed = new ContainerConfig("berth/busybox:2", List.of("sh"), List.of("/init"),
                Map.of("GREETING", "hello", "PATH", "/bin"), 512L, 32L, 512);

        assertEquals(List.of(
                "image: expected berth/busybox:1, found berth/busybox:2",
                "command: expected [httpd], found [sh]",
                "environment GREETING: expected \"hi\", found \"hello\"",
                "environment MODE: expected \"prod\", found not set",
                "memory: expected 256 MiB, found 512 MiB",
                "memory reservation: expected none, found 32 MiB"),
                ExpectedContainerConfig.differences(expected, observed));
    }

    @Test
    void aMultiLineValueStaysOnOneLine() {
        ContainerConfig expected = new ContainerConfig("x", List.of(), List.of(), Map.of("MOTD", "a\nb"), null, null, null);
        ContainerConfig observed = new ContainerConfig("x", List.of(), List.of(), Map.of("MOTD", "a"), null, null, null);

        assertEquals(List.of("environment MOTD: expected \"a\\nb\", found \"a\""),
                ExpectedContainerConfig.differences(expected, observed));
    }

    @Test
    void imageDefaultsAndUndeclaredSettingsAreNotDifferences() {
        ContainerConfig expected = ExpectedContainerConfig.of(task(null, null, container("a", "x")), container("a", "x"));
        ContainerConfig observed = new ContainerConfig("x", List.of("sh", "-c", "default"), List.of("/entry"),
                Map.of("PATH", "/bin", "HOME", "/root"), null, null, null);

        assertEquals(List.of(), ExpectedContainerConfig.differences(expected, observed));
    }
}
