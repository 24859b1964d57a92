package dev.berth.schema.validation;

import dev.berth.schema.expression.ExpressionSyntaxException;
import dev.berth.schema.expression.ScheduleExpression;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.AutoScaling.ScheduledAction;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import static dev.berth.schema.source.SourceMap.child;

/**
 * Auto scaling bounds are ordered and contain the desired count; scheduled actions have ordered
 * bounds and a schedule that parses (reported at the offending column inside the string).
 */
final class AutoScalingCheck implements SemanticCheck {

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
        for (int i = 0; i < scaling.scheduled().size(); i++) {
            checkScheduled(owner, scaling.scheduled().get(i), child(at, "scheduled", i), positions, out);
        }
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
