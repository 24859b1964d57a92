package dev.berth.planner.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.Planner;
import dev.berth.planner.drift.DriftDetector;
import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ScaledCount;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.model.Stack;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The count auto scaling set is what plan, apply and drift keep, within the stack's bounds. */
class ScaledDesiredCountTest {
    private static final Instant AT = Instant.parse("2026-12-01T12:03:00Z");

    @TempDir
    Path dir;

    private Stack stack(int desiredCount) throws IOException {
        LoadedStack loaded = StackLoader.load(Files.writeString(dir.resolve("stack.yaml"), """
                version: 1
                stack: shop
                clusters:
                  main:
                    hosts: [{name: h1, endpoint: "tcp://h1:2376"}]
                taskDefinitions:
                  web:
                    cpu: 256
                    memory: 128
                    containerDefinitions: [{name: app, image: example/web:1}]
                services:
                  web:
                    cluster: main
                    taskDefinition: web
                    desiredCount: %d
                    autoScaling:
                      minCapacity: 2
                      maxCapacity: 6
                      targetTracking: [{metric: cpu, targetValue: 50}]
                """.formatted(desiredCount)), VariableInputs.none());
        if (!loaded.valid()) {
            throw new IllegalStateException(loaded.diagnostics().toString());
        }
        return loaded.canonical();
    }

    private static int after(Plan plan) {
        return plan.changes().stream().filter(c -> c.service() != null).findFirst().orElseThrow()
                .service().placement().hosts().stream().mapToInt(h -> h.after()).sum();
    }

    @Test
    void theScaledCountIsKeptAndSaidSoAndIsNoDrift() throws IOException {
        ObservedState two = Observed.deployed(stack(2), Observed.host("h1", 8, 16));
        ObservedState scaled = two.withScaled(List.of(new ScaledCount("web", 5, AT, true, null, null, null)));

        Plan plan = Planner.plan(stack(2), scaled);

        assertEquals(5, after(plan), "the scaler's 5, not the stack's 2");
        assertEquals(List.of(Reason.of(ReasonCode.COUNT_SET_BY_SCALING, "service", "web", "count", 5,
                "at", AT.toString(), "min", 2, "max", 6, "declared", 2)), plan.warnings());
        ObservedState five = Observed.applied(stack(2), scaled, plan).withScaled(scaled.scaled());
        assertEquals(false, Planner.plan(stack(2), five).hasChanges());
        assertEquals(List.of(), DriftDetector.detect(stack(2), five).findings());
    }

    @Test
    void aScaledCountOutsideNewBoundsIsClampedAndWithoutARecordTheStackCounts() throws IOException {
        ObservedState two = Observed.deployed(stack(2), Observed.host("h1", 8, 16));

        assertEquals(6, after(Planner.plan(stack(2), two.withScaled(List.of(new ScaledCount("web", 9, AT, true, null, null, null))))));
        assertEquals(false, Planner.plan(stack(2), two).hasChanges());
    }
}
