package dev.berth.schema.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binds a schema-valid stack document to the model, first expanding the shorthand forms ECS users
 * write (an environment map, {@code "1 vCPU"}, numbers where ECS wants text) into the one form the
 * model holds. Positions of expanded nodes are recorded so diagnostics keep pointing into the file.
 */
public final class StackBinder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StackBinder() {
    }

    /** The source-order model, or empty with the reasons in {@code out}. */
    public static Optional<Stack> bind(JsonNode document, SourceMap positions, Diagnostics out) {
        ObjectNode expanded = document.deepCopy();
        each(expanded.path("variables"), (name, variable) -> textify((ObjectNode) variable, "default"));
        each(expanded.path("clusters"), (name, cluster) -> cluster.path("hosts").forEach(host ->
                textifyValues(host.path("attributes"))));
        each(expanded.path("taskDefinitions"), (family, td) -> {
            String pointer = SourceMap.pointer("taskDefinitions", family);
            size((ObjectNode) td, "cpu", TaskSize::cpuUnits, "CPU units such as 256 or \"0.25 vCPU\"",
                    pointer, positions, out);
            size((ObjectNode) td, "memory", TaskSize::memoryMiB, "MiB such as 512 or \"0.5 GB\"",
                    pointer, positions, out);
            JsonNode containers = td.path("containerDefinitions");
            for (int i = 0; i < containers.size(); i++) {
                expandEnvironment((ObjectNode) containers.get(i),
                        SourceMap.child(pointer, "containerDefinitions", i, "environment"), positions);
            }
        });
        if (out.hasErrors()) {
            return Optional.empty();
        }
        try {
            // The schema declares ECS fields the model has no place for: ones refused unless empty or
            // false (configuredAtLaunch: false) and family, checked against its key before. Binding
            // skips them; StackSchemaFileTest keeps every other schema property in step with the records.
            return Optional.of(ModelJson.bind(expanded, Stack.class, true));
        } catch (ModelJson.BindingException e) {
            if (e.limit() == null) {
                throw new IllegalStateException("a schema-valid stack did not bind: " + e.getMessage(), e);
            }
            // The schema says "integer"; the model holds Java ints, as ECS does (its API is 32-bit).
            out.error(positions.value(e.pointer()), e.field() + ": " + expanded.at(e.pointer()) + " is out of "
                    + "range; the " + (e.limit() < 0 ? "least" : "most") + " this field takes is " + e.limit());
            return Optional.empty();
        }
    }

    private static void size(ObjectNode td, String field, Function<String, Optional<Integer>> parser, String expected,
                             String pointer, SourceMap positions, Diagnostics out) {
        JsonNode value = td.get(field);
        if (value == null || !value.isTextual()) {
            return;
        }
        Optional<Integer> parsed = parser.apply(value.asText());
        if (parsed.isPresent()) {
            td.put(field, parsed.get());
        } else {
            out.error(positions.value(SourceMap.child(pointer, field)),
                    "\"" + value.asText() + "\" is not a task " + field + " size; write " + expected);
        }
    }

    /** {@code environment: {A: b}} becomes {@code [{name: A, value: b}]}, in file order. */
    private static void expandEnvironment(ObjectNode container, String pointer, SourceMap positions) {
        JsonNode environment = container.get("environment");
        if (environment == null) {
            return;
        }
        ArrayNode list = NODES.arrayNode();
        if (environment.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(environment.properties());
            for (int i = 0; i < entries.size(); i++) {
                String name = entries.get(i).getKey();
                String source = SourceMap.child(pointer, name);
                String target = SourceMap.child(pointer, i);
                positions.putValue(target, positions.key(source));
                positions.putValue(SourceMap.child(target, "name"), positions.key(source));
                positions.putValue(SourceMap.child(target, "value"), positions.value(source));
                list.add(NODES.objectNode().put("name", name).put("value", text(entries.get(i).getValue())));
            }
        } else {
            environment.forEach(entry -> list.add(NODES.objectNode()
                    .put("name", entry.path("name").asText())
                    .put("value", text(entry.path("value")))));
        }
        container.set("environment", list);
    }

    private static void textify(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value != null && value.isValueNode() && !value.isNull()) {
            object.put(field, value.asText());
        }
    }

    private static void textifyValues(JsonNode map) {
        if (map instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> textify(object, name));
        }
    }

    private static String text(JsonNode value) {
        return value.isNull() ? "" : value.asText();
    }

    private static void each(JsonNode map, java.util.function.BiConsumer<String, JsonNode> action) {
        map.properties().forEach(e -> action.accept(e.getKey(), e.getValue()));
    }
}
