package dev.berth.planner.scaling;

import dev.berth.schema.canonical.Defaults;
import dev.berth.schema.model.AutoScaling;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A target tracking policy's proposal: {@code ceil(over * metric / target)} within the bounds,
 * where {@code over} is what the average was taken over (tasks still starting are not measured
 * yet); the count as it is within 1 % of the target (Nomad's dead band), nothing without data.
 */
final class TargetTracking {
    private static final double DEAD_BAND = 0.01;

    private TargetTracking() {
    }

    static Optional<Proposal> propose(AutoScaling.TargetTracking policy, Reading reading, int count, int min, int max) {
        if (reading == null || reading.over() == 0) {
            return Optional.empty();
        }
        double factor = reading.value() / policy.targetValue();
        int proposed = Math.abs(factor - 1) <= DEAD_BAND ? count
                : Math.clamp((long) Math.ceil(reading.over() * factor), min, max);
        String unit = policy.metric().unit();
        return Optional.of(new Proposal("target tracking", policy.metric() + " " + Proposal.round(reading.value())
                + unit + " (target " + Proposal.round(policy.targetValue()) + unit + ") over " + reading.over(),
                proposed,
                Duration.ofSeconds(Objects.requireNonNullElse(policy.scaleOutCooldown(),
                        Defaults.SCALE_OUT_COOLDOWN_SECONDS)),
                Duration.ofSeconds(Objects.requireNonNullElse(policy.scaleInCooldown(),
                        Defaults.SCALE_IN_COOLDOWN_SECONDS)),
                !Boolean.TRUE.equals(policy.disableScaleIn())));
    }
}
