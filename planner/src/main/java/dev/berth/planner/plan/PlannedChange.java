package dev.berth.planner.plan;

import java.util.List;

/**
 * One address's change.
 *
 * @param attributes attribute-level before/after (empty for noop)
 * @param reasons    why, in words a person reads in review ("image changed: rolling replacement of 3 tasks")
 * @param rollout    the batches of a replace or a scale (null when no task starts or stops)
 * @param placement  where tasks start and which stop (null when none do)
 */
public record PlannedChange(Address address, Action action, List<AttributeChange> attributes, List<String> reasons,
                            Rollout rollout, ServicePlacement placement) {
    public PlannedChange {
        attributes = Lists.copy(attributes);
        reasons = Lists.copy(reasons);
    }
}
