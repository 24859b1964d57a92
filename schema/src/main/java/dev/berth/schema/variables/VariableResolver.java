package dev.berth.schema.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.source.SourcePosition;
import dev.berth.schema.validation.DidYouMean;
import dev.berth.schema.yaml.NodeConverter;
import dev.berth.schema.yaml.YamlFileReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Decides every declared variable's value from the inputs, by their precedence. */
public final class VariableResolver {

    private VariableResolver() {
    }

    /**
     * @param declarations the merged {@code variables} section (name to {default, required}), or null
     */
    public static VariableValues resolve(JsonNode declarations, SourceMap positions, VariableInputs inputs,
                                         Diagnostics out) {
        Map<String, Declaration> declared = declarations(declarations, positions);
        Map<String, String> supplied = new LinkedHashMap<>();
        inputs.environment().forEach((key, value) -> {
            String name = key.substring(VariableInputs.ENVIRONMENT_PREFIX.length());
            if (declared.containsKey(name)) {
                supplied.put(name, value);
            }
        });
        for (Path file : inputs.files()) {
            supplied.putAll(readVarFile(file, declared, out));
        }
        inputs.commandLine().forEach((name, value) -> {
            if (declared.containsKey(name)) {
                supplied.put(name, value);
            } else {
                out.error(null, "--var " + name + ": the stack declares no variable \"" + name + "\""
                        + hint(name, declared));
            }
        });
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        Map<String, SourcePosition> declaredAt = new LinkedHashMap<>();
        declared.forEach((name, declaration) -> {
            declaredAt.put(name, declaration.position());
            String value = supplied.get(name);
            if (value == null && !declaration.required()) {
                value = declaration.defaultValue();
            }
            values.put(name, Optional.ofNullable(value));
        });
        return new VariableValues(values, declaredAt);
    }

    private static Map<String, Declaration> declarations(JsonNode section, SourceMap positions) {
        Map<String, Declaration> declared = new LinkedHashMap<>();
        if (section == null || !section.isObject()) {
            return declared;
        }
        section.properties().forEach(entry -> {
            JsonNode body = entry.getValue();
            JsonNode defaultNode = body.path("default");
            String defaultValue = defaultNode.isValueNode() && !defaultNode.isNull() ? defaultNode.asText() : null;
            // A variable without a default must be supplied, as in Terraform.
            boolean required = body.path("required").asBoolean(defaultValue == null);
            SourcePosition at = positions.key(SourceMap.pointer("variables", entry.getKey()));
            declared.put(entry.getKey(), new Declaration(entry.getKey(), at, defaultValue, required));
        });
        return declared;
    }

    private static Map<String, String> readVarFile(Path file, Map<String, Declaration> declared, Diagnostics out) {
        Map<String, String> values = new LinkedHashMap<>();
        Optional<org.yaml.snakeyaml.nodes.Node> root = YamlFileReader.read(file, out);
        if (root.isEmpty()) {
            return values;
        }
        SourceMap positions = new SourceMap();
        JsonNode tree = new NodeConverter(file, out).convert(root.get(), "", NodeConverter.ScalarRewriter.NONE, positions);
        if (tree == null || !tree.isObject()) {
            out.error(new SourcePosition(file, 1, 1), "a variables file is a mapping of name: value");
            return values;
        }
        tree.properties().forEach(entry -> {
            String pointer = SourceMap.pointer(entry.getKey());
            if (!declared.containsKey(entry.getKey())) {
                out.warning(positions.key(pointer), "the stack declares no variable \"" + entry.getKey()
                        + "\"; this value is ignored" + hint(entry.getKey(), declared));
            } else if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                out.error(positions.value(pointer), "variable \"" + entry.getKey()
                        + "\" needs a string, number or boolean value");
            } else {
                values.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return values;
    }

    private static String hint(String name, Map<String, Declaration> declared) {
        return DidYouMean.suggest(name, declared.keySet()).map(s -> "; did you mean \"" + s + "\"?").orElse("");
    }
}
