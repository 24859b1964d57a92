package dev.berth.planner.scaling;

import dev.berth.planner.observed.ScaledCount;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who owns desiredCount: for a service with autoScaling, the count the scaler last set (within
 * the stack's minCapacity and maxCapacity, or those a scheduled action set), not the stack's, as Terraform users of ECS get with
 * {@code ignore_changes = [desired_count]}. Without a recorded count, the stack's.
 */
public final class ScaledDesiredCount {
    private ScaledDesiredCount() {
    }

    /** The service as the plan reconciles it, and a warning that says so when its count is not the stack's. */
    public static Service effective(String name, Service declared, List<ScaledCount> scaled, List<Reason> warnings) {
        AutoScaling scaling = declared.autoScaling();
        Optional<ScaledCount> recorded = scaled.stream().filter(c -> c.service().equals(name)).findFirst();
        if (scaling == null || recorded.isEmpty() || scaling.minCapacity() == null || scaling.maxCapacity() == null) {
            return declared;
        }
        int min = bounds(recorded.get().minCapacity(), scaling.minCapacity());
        int max = Math.max(min, bounds(recorded.get().maxCapacity(), scaling.maxCapacity()));
        int count = Math.clamp(recorded.get().count(), min, max);
        if (count == declared.desiredCount()) {
            return declared;
        }
        warnings.add(Reason.of(ReasonCode.COUNT_SET_BY_SCALING, "service", name, "count", count,
                "at", recorded.get().at().toString(), "min", min, "max", max, "declared", declared.desiredCount()));
        return declared.withDesiredCount(count);
    }

    /** The service's desiredCount as the plan keeps it, for readers that show no warning (drift, status, the agent). */
    public static int of(String name, Service declared, List<ScaledCount> scaled) {
        return effective(name, declared, scaled, new ArrayList<>()).desiredCount();
    }

    private static int bounds(Integer scheduled, int declared) {
        return scheduled == null ? declared : scheduled;
    }
}
