package dev.berth.schema.validation;

import dev.berth.schema.expression.ExpressionSyntaxException;
import dev.berth.schema.expression.ScheduleExpression;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.AutoScaling.Metric;
import dev.berth.schema.model.AutoScaling.ScheduledAction;
import dev.berth.schema.model.AutoScaling.StepScaling;
import dev.berth.schema.model.AutoScaling.StepScaling.AdjustmentType;
import dev.berth.schema.model.AutoScaling.StepScaling.StepAdjustment;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.berth.schema.source.SourceMap.child;

/**
 * Auto scaling bounds are ordered and contain the desired count; a policy on
 * requestCountPerTarget has a load balancer to count at; step adjustments start at the threshold
 * on the alarm's side and neither overlap nor leave gaps (Application Auto Scaling refuses both);
 * an alarm of several evaluation periods has a period, at most a day of them, and needs no more
 * breaching datapoints than it judges;
 * scheduled actions have ordered bounds and a schedule that parses (reported at the offending
 * column inside the string).
 */
final class AutoScalingCheck implements SemanticCheck {
    private static final long MAX_ALARM_SECONDS = 86_400;

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.services().forEach((name, service) -> {
            if (service.autoScaling() != null) {
                checkService(name, service, service.autoScaling(), positions, out);
            }
        });
    }

    private static void checkService(String name, Service service, AutoScaling scaling, SourceMap positions,
                                     Diagnostics out) {
        String at = child(StackPointers.service(name), "autoScaling");
        String owner = "service \"" + name + "\"";
        Integer min = scaling.minCapacity();
        Integer max = scaling.maxCapacity();
        if (min != null && max != null && min > max) {
            out.error(positions.value(child(at, "minCapacity")), owner + " has autoScaling minCapacity " + min
                    + " above maxCapacity " + max + "; minCapacity must not exceed maxCapacity");
        } else {
            int desired = ServiceCapacity.desiredCount(service);
            boolean belowMin = min != null && desired < min;
            boolean aboveMax = max != null && desired > max;
            if (belowMin || aboveMax) {
                String defaulted = service.desiredCount() == null ? " (the default)" : "";
                out.error(positions.value(child(StackPointers.service(name), "desiredCount")), owner
                        + " has desiredCount " + desired + defaulted + ", outside its autoScaling range "
                        + (min == null ? "" : "minCapacity " + min) + (min != null && max != null ? " to " : "")
                        + (max == null ? "" : "maxCapacity " + max) + "; set desiredCount within that range");
            }
        }
        for (int i = 0; i < scaling.targetTracking().size(); i++) {
            checkMetric(owner, service, scaling.targetTracking().get(i).metric(),
                    child(at, "targetTracking", i, "metric"), positions, out);
        }
        for (int i = 0; i < scaling.stepScaling().size(); i++) {
            StepScaling step = scaling.stepScaling().get(i);
            String stepAt = child(at, "stepScaling", i);
            checkMetric(owner, service, step.metric(), child(stepAt, "metric"), positions, out);
            String label = owner + " step scaling policy" + (step.name() == null ? " " + (i + 1) : " \""
                    + step.name() + "\"");
            checkAlarm(label, step, stepAt, positions, out);
            checkSteps(label, step, stepAt, positions, out);
        }
        for (int i = 0; i < scaling.scheduled().size(); i++) {
            checkScheduled(owner, scaling.scheduled().get(i), child(at, "scheduled", i), positions, out);
        }
    }

    private static void checkMetric(String owner, Service service, Metric metric, String at, SourceMap positions,
                                    Diagnostics out) {
        if (metric == Metric.requestCountPerTarget && service.loadBalancers().isEmpty()) {
            out.error(positions.value(at), owner + " scales on requestCountPerTarget but registers with no load"
                    + " balancer to count its requests; add it to loadBalancers or scale on cpu or memory");
        }
    }

    /** As CloudWatch bounds an alarm, which also keeps the agent's datapoints to a day's. */
    private static void checkAlarm(String label, StepScaling step, String at, SourceMap positions, Diagnostics out) {
        int periods = step.evaluationPeriods() == null ? 1 : step.evaluationPeriods();
        if (step.period() == null && periods > 1) {
            // The agent's rounds are not evenly spaced (events wake it), so rounds cannot be periods.
            out.error(positions.value(child(at, "evaluationPeriods")), label + " judges " + periods
                    + " evaluationPeriods but has no period; set period (the seconds each datapoint averages)");
        } else if (step.period() != null && (long) step.period() * periods > MAX_ALARM_SECONDS) {
            out.error(positions.value(child(at, "evaluationPeriods")), label + " judges " + periods + " periods of "
                    + step.period() + " s, more than a day; period times evaluationPeriods must be at most "
                    + MAX_ALARM_SECONDS);
        }
        if (step.datapointsToAlarm() != null && step.datapointsToAlarm() > periods) {
            out.error(positions.value(child(at, "datapointsToAlarm")), label + " needs " + step.datapointsToAlarm()
                    + " breaching datapoints of only " + periods + " evaluationPeriods; datapointsToAlarm must be at"
                    + " most evaluationPeriods");
        }
    }

    private static void checkSteps(String label, StepScaling step, String at, SourceMap positions, Diagnostics out) {
        if (step.minAdjustmentMagnitude() != null && step.adjustmentType() != AdjustmentType.PercentChangeInCapacity) {
            out.error(positions.value(child(at, "minAdjustmentMagnitude")), label + " has minAdjustmentMagnitude,"
                    + " which only PercentChangeInCapacity uses");
        }
        if (step.comparison() == null || step.stepAdjustments().isEmpty()) {
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < step.stepAdjustments().size(); i++) {
            StepAdjustment adjustment = step.stepAdjustments().get(i);
            String adjustmentAt = child(at, "stepAdjustments", i);
            Double lower = adjustment.metricIntervalLowerBound();
            Double upper = adjustment.metricIntervalUpperBound();
            if (lower != null && upper != null && lower >= upper) {
                out.error(positions.value(child(adjustmentAt, "metricIntervalUpperBound")), label + " has a step"
                        + " from " + lower + " to " + upper + "; its upper bound must be above its lower bound");
                return;
            }
            if (step.adjustmentType() == AdjustmentType.ExactCapacity && adjustment.scalingAdjustment() != null
                    && adjustment.scalingAdjustment() < 0) {
                out.error(positions.value(child(adjustmentAt, "scalingAdjustment")), label + " sets an exact"
                        + " capacity of " + adjustment.scalingAdjustment() + "; a count is 0 or more");
            }
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> step.stepAdjustments().get(i).metricIntervalLowerBound(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        for (int k = 1; k < order.size(); k++) {
            StepAdjustment before = step.stepAdjustments().get(order.get(k - 1));
            StepAdjustment next = step.stepAdjustments().get(order.get(k));
            Double end = before.metricIntervalUpperBound();
            Double start = next.metricIntervalLowerBound();
            if (end == null || start == null || !end.equals(start)) {
                String problem = end == null || start == null || start < end ? "overlaps" : "leaves a gap after";
                out.error(positions.value(child(at, "stepAdjustments", order.get(k))), label + " has a step from "
                        + bound(start) + " to " + bound(next.metricIntervalUpperBound()) + " that " + problem
                        + " the step from " + bound(before.metricIntervalLowerBound()) + " to " + bound(end)
                        + "; each step must begin where the one below it ends");
                return;
            }
        }
        // The steps count from the threshold outwards: on the alarm's side the range begins at 0.
        StepAdjustment nearest = step.stepAdjustments().get(step.comparison().above() ? order.getFirst()
                : order.getLast());
        Double edge = step.comparison().above() ? nearest.metricIntervalLowerBound()
                : nearest.metricIntervalUpperBound();
        if (edge == null || edge != 0) {
            String which = step.comparison().above() ? "metricIntervalLowerBound" : "metricIntervalUpperBound";
            out.error(positions.value(child(at, "stepAdjustments", step.comparison().above() ? order.getFirst()
                    : order.getLast())), label + " alarms " + (step.comparison().above() ? "above" : "below")
                    + " its threshold, so its " + (step.comparison().above() ? "lowest" : "highest") + " step must"
                    + " have " + which + " 0 (the threshold itself), not " + bound(edge));
        }
    }

    private static String bound(Double value) {
        return value == null ? "unbounded" : String.valueOf(value);
    }

    private static void checkScheduled(String owner, ScheduledAction action, String at, SourceMap positions,
                                       Diagnostics out) {
        String label = owner + " scheduled action" + (action.name() == null ? "" : " \"" + action.name() + "\"");
        if (action.minCapacity() != null && action.maxCapacity() != null && action.minCapacity() > action.maxCapacity()) {
            out.error(positions.value(child(at, "minCapacity")), label + " sets minCapacity " + action.minCapacity()
                    + " above maxCapacity " + action.maxCapacity() + "; minCapacity must not exceed maxCapacity");
        }
        if (action.schedule() == null) {
            return;
        }
        String pointer = child(at, "schedule");
        try {
            ScheduleExpression.check(action.schedule());
        } catch (ExpressionSyntaxException e) {
            out.error(Positions.inside(positions, pointer, e.offset()), label + " has an invalid schedule: "
                    + e.reason());
        }
    }
}
