package dev.berth.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import dev.berth.schema.source.Echo;
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
            // A refused field (not: {}, or a list that must stay empty) is about the field, not its value.
            case "not" -> keywordValue().map(JsonNode::isEmpty).orElse(false);
            case "maxItems" -> "0".equals(keywordText());
            default -> insidePropertyNames();
        };
    }

    /** The JSON Schema keyword violated. */
    String type() {
        return message.getType();
    }

    /** Whether this is a refusal the schema explains (a {@code not}), rather than a shape mismatch. */
    boolean isRefusal() {
        return "not".equals(message.getType());
    }

    /**
     * Whether the node is the value of a field the schema declares by name (not an entry of a
     * map, nor an item of a list): there a null means the field is absent.
     */
    boolean isDeclaredField() {
        List<String> path = new ArrayList<>();
        JsonNodePath evaluation = message.getEvaluationPath();
        for (int i = 0; i < evaluation.getNameCount(); i++) {
            path.add(evaluation.getName(i));
        }
        int end = path.size() - 1;
        if (end < 0 || !path.get(end).equals("type")) {
            return false;
        }
        do {
            end--;
        } while (end >= 0 && path.get(end).equals("$ref"));
        return end >= 1 && path.get(end - 1).equals("properties");
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
            case "pattern" -> field() + shown(found) + " is not valid" + blemish(found.asText()) + ": " + describedRule();
            case "propertyNames" -> Echo.quoted(property) + " is not a valid name" + blemish(property) + ": " + namesRule();
            case "minimum" -> field() + "must be at least " + keywordText() + ", found " + found;
            case "maximum" -> field() + "must be at most " + keywordText() + ", found " + found;
            case "exclusiveMinimum" -> field() + "must be greater than " + keywordText() + ", found " + found;
            case "exclusiveMaximum" -> field() + "must be less than " + keywordText() + ", found " + found;
            case "minItems" -> field() + "needs at least " + keywordText() + " item" + plural() + ", found "
                    + found.size();
            case "maxItems" -> "0".equals(keywordText()) ? field() + refusal()
                    : field() + "takes at most " + keywordText() + " item" + plural() + ", found " + found.size();
            case "minLength" -> field() + "must be at least " + keywordText() + " characters long";
            case "maxLength" -> field() + "must be at most " + keywordText() + " characters long";
            case "uniqueItems" -> field() + "list items must be unique";
            case "minProperties" -> field() + "needs at least " + keywordText() + " entr"
                    + (plural().isEmpty() ? "y" : "ies");
            case "false" -> "not allowed here";
            case "not" -> field() + refusal();
            default -> fallback();
        };
    }

    private String unknownField(String property) {
        List<String> known = siblingKeyword("properties").map(p -> {
            List<String> names = new ArrayList<>();
            p.fieldNames().forEachRemaining(names::add);
            return names;
        }).orElse(List.of());
        return "unknown field " + Echo.quoted(property) + where() + suggestion(property, known)
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
        if (value.isTextual()) {
            return Echo.quoted(value.asText());
        }
        return Echo.cut(value.toString());
    }

    /** What a pattern usually trips over and the shown value may hide: space and control characters. */
    static String blemish(String text) {
        int template = text.indexOf("{{");
        if (template >= 0 && text.indexOf("}}", template) > 0) {
            // ecspresso, copilot and Go templates leave these in task definitions for their own renderer.
            return " (it contains a {{ }} template placeholder at character " + (template + 1)
                    + ", which berth does not render; write ${name} and declare the variable)";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String what = c == ' ' ? "a space" : c == '\t' ? "a tab" : c == '\n' || c == '\r' ? "a line break"
                    : Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    ? String.format(java.util.Locale.ROOT, "the character U+%04X", (int) c) : null;
            if (what != null) {
                return " (it contains " + what + " at character " + (i + 1) + ")";
            }
        }
        return "";
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

    /**
     * Why a field or value is refused: the description of the {@code not} schema itself (a refused
     * value), else of the property holding the keyword (a refused field, or one that must stay empty).
     */
    private String refusal() {
        return keywordValue().map(n -> n.path("description").asText("")).filter(d -> !d.isEmpty())
                .or(() -> fullDescription(schemaNode(parentOf(message.getSchemaLocation().getFragment()))))
                .orElse("not allowed here");
    }

    private String namesRule() {
        return description(keywordValue()).orElse("see the schema for the names allowed here");
    }

    /** The first sentence of a schema node's description, or of the definition it refers to. */
    private Optional<String> description(Optional<JsonNode> node) {
        return fullDescription(node).map(SchemaViolation::firstSentence);
    }

    private Optional<String> fullDescription(Optional<JsonNode> node) {
        return node.flatMap(n -> {
            String text = n.path("description").asText("");
            String ref = n.path("$ref").asText("");
            if (text.isEmpty() && ref.startsWith("#/")) {
                text = schema.at(ref.substring(1)).path("description").asText("");
            }
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        });
    }

    /** Up to the first full stop that ends a sentence; "e.g. nginx" does not end one. */
    static String firstSentence(String text) {
        int from = 0;
        while (true) {
            int end = text.indexOf(". ", from);
            if (end < 0) {
                return text;
            }
            if (!text.startsWith("e.g", end - 3) && !text.startsWith("i.e", end - 3)) {
                return text.substring(0, end + 1);
            }
            from = end + 2;
        }
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
