package dev.berth.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes out the fields the schema marks {@code deprecated}: ECS fields that mean nothing on a
 * Docker host (IAM roles, tags, describe-task-definition output), accepted so that a task
 * definition copied from ECS loads as it is. Each one gets a warning with the schema's reason at
 * its key; nothing after this stage sees them.
 */
final class IgnoredFields {
    private final SourceMap positions;
    private final Diagnostics out;

    private IgnoredFields(SourceMap positions, Diagnostics out) {
        this.positions = positions;
        this.out = out;
    }

    static void strip(JsonNode document, JsonNode schema, SourceMap positions, Diagnostics out) {
        new IgnoredFields(positions, out).walk(document, schema, "");
    }

    private void walk(JsonNode node, JsonNode nodeSchema, String pointer) {
        JsonNode rule = JsonSchemaCheck.resolve(nodeSchema);
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode fieldSchema = rule.path("properties").path(name);
                if (fieldSchema.isMissingNode()) {
                    fieldSchema = rule.path("additionalProperties");
                }
                String child = SourceMap.child(pointer, name);
                JsonNode resolved = JsonSchemaCheck.resolve(fieldSchema);
                if (resolved.path("deprecated").asBoolean(false)) {
                    out.warning(positions.key(child), name + ": " + resolved.path("description").asText());
                    object.remove(name);
                } else if (fieldSchema.isObject()) {
                    walk(object.get(name), fieldSchema, child);
                }
            }
        } else if (node.isArray() && rule.path("items").isObject()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), rule.get("items"), SourceMap.child(pointer, i));
            }
        }
    }

}
