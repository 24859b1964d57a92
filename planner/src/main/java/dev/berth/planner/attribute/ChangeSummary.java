package dev.berth.planner.attribute;

import dev.berth.planner.plan.AttributeChange;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed, in a word or three, for a reason a reviewer reads: "image changed",
 * "environment and image changed". Container attributes are named without their container.
 */
public final class ChangeSummary {
    private ChangeSummary() {
    }

    public static String of(List<AttributeChange> changes) {
        Set<String> topics = new LinkedHashSet<>();
        for (AttributeChange change : changes) {
            topics.add(topic(change.path()));
        }
        if (topics.isEmpty()) {
            return "task definition changed";
        }
        List<String> words = List.copyOf(topics);
        String joined = words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
        return joined + " changed";
    }

    private static String topic(String path) {
        String[] segments = path.split("\\.");
        boolean containerAttribute = segments[0].equals("containerDefinitions") && segments.length >= 3;
        return containerAttribute ? segments[2] : segments[0];
    }
}
