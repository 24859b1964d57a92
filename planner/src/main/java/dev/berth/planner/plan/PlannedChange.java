package dev.berth.planner.plan;

import java.util.List;

/**
 * One address's change.
 *
 * @param attributes attribute-level before/after (empty for noop)
 * @param reasons    why, as codes with parameters and the words a person reads in review
 * @param detail     what apply needs to carry it out; null for noop
 */
public record PlannedChange(Address address, Action action, List<AttributeChange> attributes, List<Reason> reasons,
                            ChangeDetail detail) {
    public PlannedChange {
        attributes = Lists.copy(attributes);
        reasons = Lists.copy(reasons);
    }

    /** Nothing to do at this address. */
    public static PlannedChange noop(Address address) {
        return new PlannedChange(address, Action.noop, List.of(), List.of(), null);
    }

    /** The service detail of a service change; null for noop. */
    public ServiceDetail service() {
        return detail instanceof ServiceDetail service ? service : null;
    }
}
