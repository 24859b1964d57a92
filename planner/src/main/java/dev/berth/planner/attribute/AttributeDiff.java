package dev.berth.planner.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.schema.canonical.CanonicalJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Attribute-level before/after between two values of the same model type, as dotted paths.
 * Lists of named elements (containers, environment entries, secrets, volumes) are compared by
 * name, so a reorder is no change and a changed entry reads
 * {@code containerDefinitions.app.environment.LOG_LEVEL}; other lists are one value each.
 * Anything under {@code secrets} or {@code secretOptions} (a log driver's secrets) is sensitive.
 */
public final class AttributeDiff {
    private static final ObjectMapper MAPPER = CanonicalJson.mapper();
    private static final Set<String> SENSITIVE = Set.of("secrets", "secretOptions");

    private AttributeDiff() {
    }

    /** Changes from {@code before} to {@code after}; either may be null (everything created or deleted). */
    public static List<AttributeChange> between(Object before, Object after) {
        List<AttributeChange> changes = new ArrayList<>();
        compare("", tree(before), tree(after), false, changes);
        return List.copyOf(changes);
    }

    private static JsonNode tree(Object value) {
        return value == null ? NullNode.getInstance() : MAPPER.valueToTree(value);
    }

    private static void compare(String path, JsonNode before, JsonNode after, boolean sensitive,
                                List<AttributeChange> changes) {
        JsonNode a = absentAsNull(before);
        JsonNode b = absentAsNull(after);
        if (a.equals(b)) {
            return;
        }
        Map<String, JsonNode> beforeFields = fields(a);
        Map<String, JsonNode> afterFields = fields(b);
        if (beforeFields == null || afterFields == null) {
            changes.add(new AttributeChange(path, value(a), value(b), sensitive));
            return;
        }
        TreeSet<String> keys = new TreeSet<>(beforeFields.keySet());
        keys.addAll(afterFields.keySet());
        for (String key : keys) {
            String child = path.isEmpty() ? key : path + "." + key;
            compare(child, beforeFields.getOrDefault(key, NullNode.getInstance()),
                    afterFields.getOrDefault(key, NullNode.getInstance()), sensitive || SENSITIVE.contains(key),
                    changes);
        }
    }

    private static JsonNode absentAsNull(JsonNode node) {
        boolean empty = (node.isArray() || node.isObject()) && node.isEmpty();
        return node.isMissingNode() || empty ? NullNode.getInstance() : node;
    }

    /**
     * The children to recurse into: an object's fields, a named list's elements by name, or null
     * for a value compared whole. Null (absent) recurses as empty only when the other side does.
     */
    private static Map<String, JsonNode> fields(JsonNode node) {
        if (node.isNull()) {
            return Map.of();
        }
        if (node.isObject() && !isNamedValue(node)) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            return fields;
        }
        if (node.isArray() && isNamedList(node)) {
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            node.forEach(element -> byName.put(element.get("name").asText(), element));
            return byName;
        }
        return null;
    }

    private static boolean isNamedList(JsonNode array) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode element = it.next();
            if (!element.isObject() || !element.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (isNamedValue(node)) {
            return value(valueBesideName(node));
        }
        return MAPPER.convertValue(node, Object.class);
    }

    /**
     * An environment entry or a secret: a name and one value. It reads as that value
     * ("environment.LOG_LEVEL: info -> debug"), not as a {name, value} map.
     */
    private static boolean isNamedValue(JsonNode node) {
        return node.isObject() && node.size() == 2 && node.path("name").isTextual() && valueBesideName(node).isValueNode();
    }

    private static JsonNode valueBesideName(JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("name")) {
                return field.getValue();
            }
        }
        return NullNode.getInstance();
    }
}
