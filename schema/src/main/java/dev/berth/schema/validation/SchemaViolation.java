package dev.berth.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import dev.berth.schema.source.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One JSON Schema violation in words a stack author reads: which field, what was found, what is
 * allowed. Falls back to the validator's own text for the rarer keywords.
 */
final class SchemaViolation {
    private final ValidationMessage message;
    private final JsonNode schema;

    SchemaViolation(ValidationMessage message, JsonNode schema) {
        this.message = message;
        this.schema = schema;
    }

    /** The JSON Pointer of the node the violation is about. */
    String instancePointer() {
        String base = pointer(message.getInstanceLocation());
        return switch (message.getType()) {
            case "additionalProperties", "propertyNames" -> message.getProperty() == null ? base
                    : SourceMap.child(base, message.getProperty());
            default -> base;
        };
    }

    /** Whether the diagnostic belongs on a map key rather than a value. */
    boolean isAboutName() {
        return switch (message.getType()) {
            // A missing field is reported at the name of the object that lacks it.
            case "additionalProperties", "propertyNames", "required" -> true;
            default -> insidePropertyNames();
        };
    }

    String describe() {
        JsonNode found = message.getInstanceNode();
        String property = message.getProperty();
        return switch (message.getType()) {
            case "additionalProperties" -> unknownField(property);
            case "required" -> "missing required field \"" + property + "\"" + where();
            case "type" -> field() + "expected " + expectedType() + ", found " + shown(found);
            case "enum" -> field() + shown(found) + " is not allowed; use one of: " + enumValues()
                    + suggestion(found.asText(), enumList());
            case "const" -> field() + "must be " + keywordValue().map(JsonNode::toString).orElse("the documented value")
                    + ", found " + shown(found);
            case "pattern" -> field() + shown(found) + " is not valid: " + describedRule();
            case "propertyNames" -> "\"" + property + "\" is not a valid name: " + namesRule();
            case "minimum" -> field() + "must be at least " + keywordText() + ", found " + found;
            case "maximum" -> field() + "must be at most " + keywordText() + ", found " + found;
            case "exclusiveMinimum" -> field() + "must be greater than " + keywordText() + ", found " + found;
            case "exclusiveMaximum" -> field() + "must be less than " + keywordText() + ", found " + found;
            case "minItems" -> field() + "needs at least " + keywordText() + " item" + plural() + ", found "
                    + found.size();
            case "maxItems" -> field() + "takes at most " + keywordText() + " item" + plural() + ", found "
                    + found.size();
            case "minLength" -> field() + "must be at least " + keywordText() + " characters long";
            case "maxLength" -> field() + "must be at most " + keywordText() + " characters long";
            case "uniqueItems" -> field() + "list items must be unique";
            case "minProperties" -> field() + "needs at least " + keywordText() + " entr"
                    + (plural().isEmpty() ? "y" : "ies");
            case "false" -> "not allowed here";
            default -> fallback();
        };
    }

    private String unknownField(String property) {
        List<String> known = siblingKeyword("properties").map(p -> {
            List<String> names = new ArrayList<>();
            p.fieldNames().forEachRemaining(names::add);
            return names;
        }).orElse(List.of());
        return "unknown field \"" + property + "\"" + where() + suggestion(property, known)
                .orElse(known.isEmpty() ? "" : "; allowed here: " + JsonSchemaCheck.list(known));
    }

    /** "desiredCount: " — the name of the field the value belongs to, when it has one. */
    private String field() {
        List<Object> path = elements(message.getInstanceLocation());
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i) instanceof String name) {
                return name + (i == path.size() - 1 ? "" : " item") + ": ";
            }
        }
        return "";
    }

    private String where() {
        String pointer = pointer(message.getInstanceLocation());
        return pointer.isEmpty() ? " at the top level" : "";
    }

    private Optional<String> suggestion(String wrong, List<String> candidates) {
        return DidYouMean.suggest(wrong, candidates).map(s -> "; did you mean \"" + s + "\"?");
    }

    private String suggestion(String wrong, Optional<List<String>> candidates) {
        return candidates.flatMap(c -> suggestion(wrong, c)).orElse("");
    }

    /** Whether {@code value} has one of the JSON types this type violation asked for. */
    boolean expectsTypeOf(JsonNode value) {
        JsonNode type = keywordValue().orElse(null);
        if (type == null) {
            return false;
        }
        List<String> wanted = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> wanted.add(t.asText()));
        } else {
            wanted.add(type.asText());
        }
        return (value.isIntegralNumber() && (wanted.contains("integer") || wanted.contains("number")))
                || (value.isNumber() && wanted.contains("number"))
                || (value.isBoolean() && wanted.contains("boolean"));
    }

    private String expectedType() {
        JsonNode type = keywordValue().orElse(null);
        if (type == null) {
            return "another type";
        }
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(article(t.asText())));
            return String.join(" or ", names);
        }
        return article(type.asText());
    }

    private static String article(String type) {
        return switch (type) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "string" -> "a string";
            default -> type;
        };
    }

    static String shown(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isNull()) {
            return "an empty value";
        }
        String text = value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "...\"" : text;
    }

    private String enumValues() {
        return enumList().map(l -> String.join(", ", l)).orElse("the documented values");
    }

    private Optional<List<String>> enumList() {
        return keywordValue().filter(JsonNode::isArray).map(values -> {
            List<String> names = new ArrayList<>();
            values.forEach(v -> names.add(v.asText()));
            return names;
        });
    }

    private String describedRule() {
        return description(schemaNode(parentOf(message.getSchemaLocation().getFragment())))
                .orElse("it must match " + keywordText());
    }

    private String namesRule() {
        return description(keywordValue()).orElse("see the schema for the names allowed here");
    }

    /** The first sentence of a schema node's description, or of the definition it refers to. */
    private Optional<String> description(Optional<JsonNode> node) {
        return node.flatMap(n -> {
            String text = n.path("description").asText("");
            String ref = n.path("$ref").asText("");
            if (text.isEmpty() && ref.startsWith("#/")) {
                text = schema.at(ref.substring(1)).path("description").asText("");
            }
            return text.isEmpty() ? Optional.empty() : Optional.of(firstSentence(text));
        });
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private boolean insidePropertyNames() {
        JsonNodePath evaluation = message.getEvaluationPath();
        for (int i = 0; i < evaluation.getNameCount(); i++) {
            if ("propertyNames".equals(evaluation.getName(i))) {
                return true;
            }
        }
        return false;
    }

    private String plural() {
        return "1".equals(keywordText()) ? "" : "s";
    }

    private String keywordText() {
        return keywordValue().map(JsonNode::asText).orElse("?");
    }

    private Optional<JsonNode> keywordValue() {
        return schemaNode(message.getSchemaLocation().getFragment());
    }

    private Optional<JsonNode> siblingKeyword(String keyword) {
        return schemaNode(parentOf(message.getSchemaLocation().getFragment()))
                .map(n -> n.get(keyword));
    }

    private Optional<JsonNode> schemaNode(List<Object> path) {
        JsonNode node = schema;
        for (Object element : path) {
            node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
        }
        return node.isMissingNode() ? Optional.empty() : Optional.of(node);
    }

    private Optional<JsonNode> schemaNode(JsonNodePath path) {
        return schemaNode(elements(path));
    }

    private static List<Object> parentOf(JsonNodePath path) {
        List<Object> elements = elements(path);
        return elements.isEmpty() ? elements : elements.subList(0, elements.size() - 1);
    }

    private static List<Object> elements(JsonNodePath path) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            elements.add(path.getElement(i));
        }
        return elements;
    }

    private String fallback() {
        String text = message.getMessage();
        String prefix = message.getInstanceLocation().toString() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    private static String pointer(JsonNodePath path) {
        Object[] segments = elements(path).toArray();
        return SourceMap.pointer(segments);
    }
}
