package dev.berth.cli.render;

import dev.berth.planner.drift.DriftFinding;
import dev.berth.planner.drift.DriftKind;
import dev.berth.planner.drift.DriftReport;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.plan.CircuitBreaker;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.NetworkDetail;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.plan.Rollout;
import dev.berth.planner.plan.ServiceDetail;
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
                List.of(Reason.of(ReasonCode.NETWORK_MISSING, "network", "berth-shop-internal", "hosts", List.of("a"))),
                new NetworkDetail("berth-shop-internal", "internal", List.of(new HostRef("main", "a"))));
        PlannedChange db = PlannedChange.noop(new Address(Address.Kind.taskDefinition, "db"));
        PlannedChange api = new PlannedChange(service("api"), Action.create,
                List.of(new AttributeChange("desiredCount", null, 1, false)),
                List.of(Reason.of(ReasonCode.SERVICE_NEW, "tasks", 1, "revision", "api:1")),
                service(launch("api", 1), new Rollout(100, 200, List.of(new Rollout.Step(1, 0))),
                        new ServicePlacement(List.of(new ServicePlacement.TaskStart("api-1-k3f", "b", 1)), List.of(),
                                List.of(new ServicePlacement.HostCount("b", 0, 1)))));
        Reason outdated = Reason.of(ReasonCode.TASK_OUTDATED, "revision", "web:2");
        PlannedChange web = new PlannedChange(service("web"), Action.replace,
                List.of(new AttributeChange("containerDefinitions.app.image", "berth/web:1", "berth/web:2", false),
                        new AttributeChange("containerDefinitions.app.secrets.TOKEN", "old-" + SECRET, SECRET, true),
                        new AttributeChange("containerDefinitions.app.environment",
                                Map.of("MODE", "prod", "GREETING", "hi"), Map.of("MODE", "prod"), false)),
                List.of(Reason.of(ReasonCode.IMAGE_CHANGED, "tasks", 2, "from", List.of("web:2"), "to", "web:3")),
                service(launch("web", 3),
                        new Rollout(50, 100, List.of(new Rollout.Step(0, 1), new Rollout.Step(1, 1), new Rollout.Step(1, 0))),
                        new ServicePlacement(
                                List.of(new ServicePlacement.TaskStart("web-3-p0q", "a", 3),
                                        new ServicePlacement.TaskStart("web-3-z9y", "host-b", 3)),
                                List.of(new ServicePlacement.TaskStop("web-2-abc", "a", 2, outdated),
                                        new ServicePlacement.TaskStop("web-2-def", "host-b", 2, outdated)),
                                List.of(new ServicePlacement.HostCount("a", 1, 1),
                                        new ServicePlacement.HostCount("host-b", 1, 1)))).after(List.of("api")));
        PlannedChange worker = new PlannedChange(service("worker"), Action.update,
                List.of(new AttributeChange("desiredCount", 2, 4, false)),
                List.of(Reason.of(ReasonCode.COUNT_INCREASED, "from", 2, "to", 4, "tasks", 2)),
                service(launch("worker", 1), new Rollout(100, 200, List.of(new Rollout.Step(2, 0))),
                        new ServicePlacement(List.of(), List.of(), List.of())));
        PlannedChange old = new PlannedChange(service("old"), Action.delete,
                List.of(new AttributeChange("desiredCount", 1, null, false)),
                List.of(Reason.of(ReasonCode.SERVICE_REMOVED, "tasks", 1)),
                new ServiceDetail("main", null, null, null, new ServicePlacement(List.of(), List.of(), List.of()), List.of(),
                        List.of()));
        return new Plan("shop", List.of(network, db, api, old, web, worker),
                List.of(Reason.of(ReasonCode.TASKS_UNPLACEABLE, "tasks", 3, "service", "big",
                        "rejections", List.of("a: 0 MiB memory free, needs 4096", "host-b: 2048 MiB memory free, needs 4096"))),
                List.of());
    }

    static Plan unchangedPlan() {
        return new Plan("shop", List.of(PlannedChange.noop(service("web"))), List.of(), List.of());
    }

    /** A change of one service with the given reasons, for the renderers' layout tests. */
    static PlannedChange serviceChange(String name, Action action, List<AttributeChange> attributes,
                                       List<Reason> reasons, Rollout rollout) {
        return new PlannedChange(service(name), action, attributes, reasons, service(launch(name, 1), rollout,
                new ServicePlacement(List.of(), List.of(), List.of())));
    }

    private static ServiceDetail.Launch launch(String family, int revision) {
        return new ServiceDetail.Launch(family, revision, "sha256:" + "0".repeat(64), null, null, List.of(), 0);
    }

    private static ServiceDetail service(ServiceDetail.Launch launch, Rollout rollout, ServicePlacement placement) {
        return new ServiceDetail("main", launch, new CircuitBreaker(3, false), rollout, placement, List.of(), List.of());
    }

    static DriftReport richDrift() {
        return new DriftReport("shop", List.of(
                new DriftFinding(DriftKind.TASK_STOPPED, service("web"), "local", "web-1-abc",
                        "task web-1-abc stopped: app exited (code 137)"),
                new DriftFinding(DriftKind.TASK_MISSING, service("web"), null, null, "runs 1 of 2 tasks"),
                new DriftFinding(DriftKind.CONFIG_EDITED, service("web"), "local", "web-2-def",
                        "container app: environment RATE: expected \"100%\", found \"50% | a\nb\""),
                new DriftFinding(DriftKind.HOST_UNREACHABLE, new Address(Address.Kind.cluster, "main"), "b", null,
                        "cannot reach tcp://b:2376: connection refused")));
    }
}
