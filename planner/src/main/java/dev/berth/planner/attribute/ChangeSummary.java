package dev.berth.planner.attribute;

import dev.berth.planner.plan.AttributeChange;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed, in a word each, for a reason a reviewer reads: {@code [image]},
 * {@code [environment, image]}. Container attributes are named without their container.
 */
public final class ChangeSummary {
    private ChangeSummary() {
    }

    /** The changed topics in the order the changes list them; empty when none is known. */
    public static List<String> topics(List<AttributeChange> changes) {
        Set<String> topics = new LinkedHashSet<>();
        for (AttributeChange change : changes) {
            topics.add(topic(change.path()));
        }
        return List.copyOf(topics);
    }

    private static String topic(String path) {
        String[] segments = path.split("\\.");
        boolean containerAttribute = segments[0].equals("containerDefinitions") && segments.length >= 3;
        return containerAttribute ? segments[2] : segments[0];
    }
}
