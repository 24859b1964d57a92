package dev.berth.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes a task definition pasted from ECS read as berth's own before the schema sees it: the
 * output of {@code aws ecs describe-task-definition} ({@code {"taskDefinition": {...}, "tags":
 * [...]}}) is unwrapped, and the {@code family} ECS writes inside the definition must name the same
 * family as the key it is pasted under, which is what berth goes by.
 */
public final class PastedTaskDefinitions {
    private PastedTaskDefinitions() {
    }

    public static void normalize(JsonNode document, SourceMap positions, Diagnostics out) {
        if (!(document.path("taskDefinitions") instanceof ObjectNode definitions)) {
            return;
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(definitions.properties());
        for (Map.Entry<String, JsonNode> entry : entries) {
            String pointer = SourceMap.pointer("taskDefinitions", entry.getKey());
            JsonNode definition = unwrapDescribeOutput(definitions, entry.getKey(), entry.getValue(), pointer, positions);
            if (definition instanceof ObjectNode object && object.path("family").isTextual()) {
                String family = object.get("family").asText();
                if (!family.equals(entry.getKey())) {
                    out.error(positions.value(SourceMap.child(pointer, "family")), "family \"" + family
                            + "\" differs from the key \"" + entry.getKey() + "\" it is declared under; the key "
                            + "names the family in berth: rename the key to \"" + family + "\" or drop family");
                }
            }
        }
    }

    private static JsonNode unwrapDescribeOutput(ObjectNode definitions, String family, JsonNode value, String pointer,
                                                 SourceMap positions) {
        if (!(value instanceof ObjectNode outer) || !(outer.get("taskDefinition") instanceof ObjectNode inner)) {
            return value;
        }
        List<String> others = new ArrayList<>();
        outer.fieldNames().forEachRemaining(others::add);
        others.remove("taskDefinition");
        if (!List.of("tags").containsAll(others)) {
            return value;
        }
        if (outer.has("tags") && !inner.has("tags")) {
            inner.set("tags", outer.get("tags"));
        }
        positions.moveUnder(SourceMap.child(pointer, "taskDefinition"), pointer);
        definitions.set(family, inner);
        return inner;
    }
}
