package dev.berth.planner.planfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.planner.fingerprint.Fingerprints;
import dev.berth.planner.fingerprint.ObservedFingerprint;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Plan;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.model.Stack;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan written to a file by {@code berth plan -out}, with fingerprints of both inputs so that
 * {@code berth apply PLANFILE} applies it only to the world it was made for.
 *
 * @param desired the canonical stack the plan was made from (apply needs it to start tasks)
 */
public record SavedPlan(int formatVersion, String stack, String desiredFingerprint,
                        ObservedFingerprint observedFingerprint, Plan plan, Stack desired) {
    public static final int FORMAT_VERSION = 1;

    public static SavedPlan of(Stack desired, ObservedState observed, Plan plan) {
        return new SavedPlan(FORMAT_VERSION, desired.stack(), Fingerprints.desired(desired),
                Fingerprints.observed(observed), plan, desired);
    }

    public String toJson() {
        return CanonicalJson.write(this);
    }

    public static SavedPlan fromJson(String json) {
        SavedPlan saved;
        try {
            saved = CanonicalJson.mapper().readValue(json, SavedPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a berth plan file: " + e.getOriginalMessage(), e);
        }
        if (saved.formatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException("plan file format " + saved.formatVersion()
                    + " is not supported (this berth reads format " + FORMAT_VERSION + ")");
        }
        return saved;
    }

    /** Throws unless the stack and the hosts are as they were when the plan was made. */
    public void checkFresh(Stack currentDesired, ObservedState currentObserved) throws StalePlanException {
        List<String> changed = new ArrayList<>();
        if (!desiredFingerprint.equals(Fingerprints.desired(currentDesired))) {
            changed.add("the stack");
        }
        changed.addAll(observedFingerprint.changedParts(Fingerprints.observed(currentObserved)));
        if (!changed.isEmpty()) {
            throw new StalePlanException(joined(changed) + " changed since the plan was made: run berth plan again");
        }
    }

    private static String joined(List<String> parts) {
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
