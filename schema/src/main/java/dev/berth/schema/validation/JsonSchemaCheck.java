package dev.berth.schema.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.source.SourcePosition;
import dev.berth.schema.yaml.ScalarTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a stack document against the JSON Schema that ships in the jar and words each
 * violation for a person, at the position of the offending node.
 */
public final class JsonSchemaCheck {
    /** Where the stack language's schema ships (schema/json, bundled by this module's pom). */
    private static final String STACK_SCHEMA_RESOURCE = "/dev/berth/schema/json/stack-v1.schema.json";

    private static final class Loaded {
        static final JsonNode SCHEMA_JSON = read(STACK_SCHEMA_RESOURCE);
        static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SCHEMA_JSON, SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER)
                        .regularExpressionFactory(EcmaPatterns.INSTANCE).build());
    }

    private static final ObjectMapper BYTES = new ObjectMapper();

    private JsonSchemaCheck() {
    }

    /**
     * Reports every violation, one per node. First the fields the schema marks ignored are taken
     * out (with a warning each), and two kinds of value are repaired: scalars that came from
     * variables are text, and where the schema wants a number or boolean and the text is one they
     * are converted; a JSON {@code null} in a field means the field is absent, as ECS reads it.
     */
    public static void check(JsonNode document, SourceMap positions, Diagnostics out) {
        check(document, positions, out, SchemaPasses.NONE);
    }

    /** As {@link #check(JsonNode, SourceMap, Diagnostics)}, skipped for a document {@code passes} knows. */
    public static void check(JsonNode document, SourceMap positions, Diagnostics out, SchemaPasses passes) {
        byte[] before = passes == SchemaPasses.NONE ? null : bytes(document);
        if (before != null && passes.passed(before)) {
            return;
        }
        int findings = out.size();
        findings(document, positions, out);
        if (before != null && out.size() == findings && Arrays.equals(before, bytes(document))) {
            passes.remember(before);
        }
    }

    private static byte[] bytes(JsonNode document) {
        try {
            return BYTES.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static void findings(JsonNode document, SourceMap positions, Diagnostics out) {
        IgnoredFields.strip(document, Loaded.SCHEMA_JSON, positions, out);
        Set<ValidationMessage> messages = Loaded.SCHEMA.validate(document);
        if (repair(document, messages, positions)) {
            messages = Loaded.SCHEMA.validate(document);
        }
        Map<String, List<SchemaViolation>> byNode = new TreeMap<>();
        for (ValidationMessage message : messages) {
            SchemaViolation violation = new SchemaViolation(message, Loaded.SCHEMA_JSON);
            byNode.computeIfAbsent(violation.instancePointer(), p -> new ArrayList<>()).add(violation);
        }
        byNode.values().forEach(violations -> {
            violations.sort(Comparator.comparing(SchemaViolation::describe));
            for (SchemaViolation violation : mostTelling(violations)) {
                out.error(position(violation, positions), violation.describe());
            }
        });
    }

    /**
     * One finding per node where one explains the others: a refusal with a reason (not) says all
     * there is to say, and a value too long is not also reported for its characters.
     */
    private static List<SchemaViolation> mostTelling(List<SchemaViolation> violations) {
        List<SchemaViolation> refusals = violations.stream().filter(SchemaViolation::isRefusal).toList();
        if (!refusals.isEmpty()) {
            return refusals;
        }
        boolean tooLong = violations.stream().anyMatch(v -> v.type().equals("maxLength"));
        return violations.stream().filter(v -> !(tooLong && v.type().equals("pattern"))).toList();
    }

    private static boolean repair(JsonNode document, Set<ValidationMessage> messages, SourceMap positions) {
        boolean repaired = false;
        for (ValidationMessage message : messages) {
            SchemaViolation violation = new SchemaViolation(message, Loaded.SCHEMA_JSON);
            String pointer = violation.instancePointer();
            if (!"type".equals(message.getType()) || pointer.isEmpty()) {
                continue;
            }
            JsonNode parent = document.at(pointer.substring(0, pointer.lastIndexOf('/')));
            String last = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
            if (message.getInstanceNode().isNull() && violation.isDeclaredField() && parent instanceof ObjectNode object) {
                object.remove(last);
                repaired = true;
                continue;
            }
            if (!positions.interpolated(pointer)) {
                continue;
            }
            JsonNode typed = ScalarTypes.plain(message.getInstanceNode().asText());
            if (violation.expectsTypeOf(typed)) {
                if (parent instanceof ObjectNode object) {
                    object.set(last, typed);
                } else if (parent instanceof ArrayNode array) {
                    array.set(Integer.parseInt(last), typed);
                }
                repaired = true;
            }
        }
        return repaired;
    }

    private static SourcePosition position(SchemaViolation violation, SourceMap positions) {
        String pointer = violation.instancePointer();
        return violation.isAboutName() ? positions.key(pointer) : positions.value(pointer);
    }

    static JsonNode read(String resource) {
        try (InputStream in = JsonSchemaCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack schema's definition of that name ({@code $defs/<name>}), for a walk along it. */
    public static JsonNode definition(String name) {
        return Loaded.SCHEMA_JSON.at("/$defs/" + name);
    }

    /** The schema object a local {@code $ref} (#/$defs/...) of the stack schema points to, followed to the end. */
    public static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = Loaded.SCHEMA_JSON.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    static String list(Iterable<String> names) {
        List<String> all = new ArrayList<>();
        names.forEach(all::add);
        return all.stream().sorted().collect(Collectors.joining(", "));
    }
}
