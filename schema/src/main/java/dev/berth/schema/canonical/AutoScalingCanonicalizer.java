package dev.berth.schema.canonical;

import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.AutoScaling.ScheduledAction;
import dev.berth.schema.model.AutoScaling.StepScaling;
import dev.berth.schema.model.AutoScaling.StepScaling.StepAdjustment;
import dev.berth.schema.model.AutoScaling.TargetTracking;

import java.util.Comparator;

import static java.util.Objects.requireNonNullElse;

/** Canonical auto scaling of a service; capacity bounds have no default. */
final class AutoScalingCanonicalizer {

    private static final Comparator<ScheduledAction> SCHEDULE_ORDER =
            Sorted.<ScheduledAction, String>by(ScheduledAction::name)
                    .thenComparing(Sorted.by(ScheduledAction::schedule));
    private static final Comparator<StepScaling> STEP_ORDER = Sorted.<StepScaling, String>by(StepScaling::name)
            .thenComparing(Sorted.by(StepScaling::metric)).thenComparing(Sorted.by(StepScaling::threshold));
    private static final Comparator<StepAdjustment> ADJUSTMENT_ORDER =
            Sorted.by(StepAdjustment::metricIntervalLowerBound);

    private AutoScalingCanonicalizer() {
    }

    static AutoScaling canonicalize(AutoScaling scaling) {
        if (scaling == null) {
            return null;
        }
        return new AutoScaling(scaling.minCapacity(), scaling.maxCapacity(),
                Sorted.list(scaling.targetTracking(), AutoScalingCanonicalizer::canonicalize,
                        Sorted.by(TargetTracking::metric)),
                Sorted.list(scaling.stepScaling(), AutoScalingCanonicalizer::canonicalize, STEP_ORDER),
                Sorted.list(scaling.scheduled(), AutoScalingCanonicalizer::canonicalize, SCHEDULE_ORDER));
    }

    private static TargetTracking canonicalize(TargetTracking tracking) {
        return new TargetTracking(tracking.metric(), tracking.targetValue(),
                requireNonNullElse(tracking.scaleOutCooldown(), Defaults.SCALE_OUT_COOLDOWN_SECONDS),
                requireNonNullElse(tracking.scaleInCooldown(), Defaults.SCALE_IN_COOLDOWN_SECONDS),
                requireNonNullElse(tracking.disableScaleIn(), Defaults.DISABLE_SCALE_IN));
    }

    private static StepScaling canonicalize(StepScaling step) {
        int evaluationPeriods = requireNonNullElse(step.evaluationPeriods(), Defaults.EVALUATION_PERIODS);
        return new StepScaling(step.name(), step.metric(), step.comparison(), step.threshold(), step.period(),
                evaluationPeriods, requireNonNullElse(step.datapointsToAlarm(), evaluationPeriods), step.adjustmentType(),
                Sorted.list(step.stepAdjustments(), ADJUSTMENT_ORDER), step.minAdjustmentMagnitude(),
                requireNonNullElse(step.cooldown(), Defaults.STEP_SCALING_COOLDOWN_SECONDS));
    }

    private static ScheduledAction canonicalize(ScheduledAction action) {
        return new ScheduledAction(action.name(), action.schedule(),
                requireNonNullElse(action.timezone(), Defaults.SCHEDULE_TIMEZONE),
                action.minCapacity(), action.maxCapacity());
    }
}
