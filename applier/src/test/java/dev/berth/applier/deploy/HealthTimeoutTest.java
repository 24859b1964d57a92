package dev.berth.applier.deploy;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.HealthCheck;
import dev.berth.schema.model.TaskDefinition;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthTimeoutTest {
    @Test
    void theSlowestHealthCheckDecides() {
        TaskDefinition task = task(new HealthCheck(List.of("CMD", "true"), 2, 1, 1, 0),
                new HealthCheck(List.of("CMD", "true"), 5, 3, 2, 10));
        // 10 + 5 * (2 + 1) + 3 = 28, plus the margin
        assertEquals(Duration.ofSeconds(28).plus(HealthTimeout.MARGIN), HealthTimeout.of(task, 0));
    }

    @Test
    void withoutHealthChecksTheGracePeriodDecides() {
        assertEquals(Duration.ofSeconds(7).plus(HealthTimeout.MARGIN), HealthTimeout.of(task((HealthCheck) null), 7));
    }

    private static TaskDefinition task(HealthCheck... checks) {
        List<ContainerDefinition> containers = Arrays.stream(checks).map(HealthTimeoutTest::container).toList();
        return new TaskDefinition(null, null, null, null, null, containers, null, null, null, null);
    }

    private static ContainerDefinition container(HealthCheck check) {
        return new ContainerDefinition("app", "berth/busybox:1", true, null, null, null, null, null, null, null,
                null, check, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
