package dev.berth.schema.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.Echo;
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
                out.error(null, "--var " + Echo.printable(name) + ": the stack declares no variable " + Echo.quoted(name)
                        + hint(name, declared, out));
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

    /** Values are text as written, as --var and BERTH_VAR_ give them: {@code tag: 1.10} is "1.10". */
    private static Map<String, String> readVarFile(Path file, Map<String, Declaration> declared, Diagnostics out) {
        Map<String, String> values = new LinkedHashMap<>();
        Optional<org.yaml.snakeyaml.nodes.Node> root = YamlFileReader.read(file, out);
        if (root.isEmpty()) {
            return values;
        }
        NodeConverter converter = new NodeConverter(file, out);
        Map<String, NodeConverter.KeyedNode> entries = converter.entries(root.get(), "");
        if (entries == null) {
            out.error(converter.position(root.get()), "a variables file is a mapping of name: value");
            return values;
        }
        entries.values().forEach(entry -> {
            Optional<String> text = NodeConverter.text(entry.value());
            if (!declared.containsKey(entry.key())) {
                out.warning(entry.keyPosition(), "the stack declares no variable " + Echo.quoted(entry.key())
                        + "; this value is ignored" + hint(entry.key(), declared, out));
            } else if (text.isEmpty()) {
                out.error(converter.position(entry.value()), "variable " + Echo.quoted(entry.key())
                        + " needs a string, number or boolean value");
            } else {
                values.put(entry.key(), text.get());
            }
        });
        return values;
    }

    private static String hint(String name, Map<String, Declaration> declared, Diagnostics out) {
        return DidYouMean.suggest(name, declared.keySet(), out).map(s -> "; did you mean \"" + s + "\"?").orElse("");
    }
}
