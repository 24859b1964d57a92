package dev.berth.planner.planfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
    public static final int FORMAT_VERSION = 2;

    public static SavedPlan of(Stack desired, ObservedState observed, Plan plan) {
        return new SavedPlan(FORMAT_VERSION, desired.stack(), Fingerprints.desired(desired),
                Fingerprints.observed(observed), plan, desired);
    }

    public String toJson() {
        return CanonicalJson.write(this);
    }

    /** The version is read first, so a plan saved by another berth is refused by name rather than by its shape. */
    public static SavedPlan fromJson(String json) {
        try {
            JsonNode tree = CanonicalJson.mapper().readTree(json);
            int version = tree.path("formatVersion").asInt(-1);
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("plan file format " + version
                        + " is not supported (this berth reads format " + FORMAT_VERSION + "): run berth plan again");
            }
            return CanonicalJson.mapper().treeToValue(tree, SavedPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a berth plan file: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws StalePlanException unless the stack and the hosts are as they were when the plan was made */
    public void checkFresh(Stack currentDesired, ObservedState currentObserved) {
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
