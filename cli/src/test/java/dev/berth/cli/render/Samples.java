package dev.berth.cli.render;

import dev.berth.planner.drift.DriftFinding;
import dev.berth.planner.drift.DriftKind;
import dev.berth.planner.drift.DriftReport;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Rollout;
import dev.berth.planner.plan.ServicePlacement;

import java.util.List;
import java.util.Map;

/** Plans and drift reports that use every part of the model, for the renderer tests. */
final class Samples {
    /** Appears in the plan only as a sensitive value; no output may contain it. */
    static final String SECRET = "hunter2-do-not-print";

    private Samples() {
    }

    static Address service(String name) {
        return new Address(Address.Kind.service, name);
    }

    static Plan richPlan() {
        PlannedChange network = new PlannedChange(new Address(Address.Kind.namespace, "internal"), Action.create,
                List.of(new AttributeChange("description", null, "east-west traffic", false)),
                List.of("new namespace"), null, null);
        PlannedChange db = new PlannedChange(new Address(Address.Kind.taskDefinition, "db"), Action.noop,
                List.of(), List.of(), null, null);
        PlannedChange api = new PlannedChange(service("api"), Action.create,
                List.of(new AttributeChange("desiredCount", null, 1, false)),
                List.of("new service"), new Rollout(100, 200, List.of(new Rollout.Step(1, 0))),
                new ServicePlacement(List.of(new ServicePlacement.TaskStart("api-1-k3f", "b", 1)), List.of(),
                        List.of(new ServicePlacement.HostCount("b", 0, 1))));
        PlannedChange web = new PlannedChange(service("web"), Action.replace,
                List.of(new AttributeChange("containerDefinitions.app.image", "berth/web:1", "berth/web:2", false),
                        new AttributeChange("containerDefinitions.app.secrets.TOKEN", "old-" + SECRET, SECRET, true),
                        new AttributeChange("containerDefinitions.app.environment",
                                Map.of("MODE", "prod", "GREETING", "hi"), Map.of("MODE", "prod"), false)),
                List.of("image changed: rolling replacement of 2 tasks"),
                new Rollout(50, 100, List.of(new Rollout.Step(0, 1), new Rollout.Step(1, 1), new Rollout.Step(1, 0))),
                new ServicePlacement(
                        List.of(new ServicePlacement.TaskStart("web-3-p0q", "a", 3),
                                new ServicePlacement.TaskStart("web-3-z9y", "host-b", 3)),
                        List.of(new ServicePlacement.TaskStop("web-2-abc", "a", 2, "replaced by revision 3"),
                                new ServicePlacement.TaskStop("web-2-def", "host-b", 2, "replaced by revision 3")),
                        List.of(new ServicePlacement.HostCount("a", 1, 1),
                                new ServicePlacement.HostCount("host-b", 1, 1))));
        PlannedChange worker = new PlannedChange(service("worker"), Action.update,
                List.of(new AttributeChange("desiredCount", 2, 4, false)), List.of("scale out"),
                new Rollout(100, 200, List.of(new Rollout.Step(2, 0))), null);
        PlannedChange old = new PlannedChange(service("old"), Action.delete,
                List.of(new AttributeChange("desiredCount", 1, null, false)), List.of("not in the stack"),
                null, null);
        return new Plan("shop", List.of(network, db, api, old, web, worker),
                List.of("service.big: 3 tasks need 4096 MiB, no host has more than 2048 MiB free"));
    }

    static Plan unchangedPlan() {
        return new Plan("shop", List.of(new PlannedChange(service("web"), Action.noop, List.of(), List.of(), null,
                null)), List.of());
    }

    static DriftReport richDrift() {
        return new DriftReport("shop", List.of(
                new DriftFinding(DriftKind.TASK_STOPPED, service("web"), "local", "web-1-abc",
                        "task web-1-abc stopped, container app exited 137"),
                new DriftFinding(DriftKind.TASK_MISSING, service("web"), null, null, "runs 1 of 2 tasks"),
                new DriftFinding(DriftKind.CONFIG_EDITED, service("web"), "local", "web-2-def",
                        "container app: environment RATE: expected \"100%\", found \"50% | a\nb\""),
                new DriftFinding(DriftKind.HOST_UNREACHABLE, new Address(Address.Kind.cluster, "main"), "b", null,
                        "cannot reach tcp://b:2376: connection refused")));
    }
}
