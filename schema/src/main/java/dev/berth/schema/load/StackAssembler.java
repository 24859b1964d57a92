package dev.berth.schema.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.Echo;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.source.SourcePosition;
import dev.berth.schema.variables.Interpolator;
import dev.berth.schema.variables.VariableInputs;
import dev.berth.schema.variables.VariableResolver;
import dev.berth.schema.variables.VariableValues;
import dev.berth.schema.yaml.NodeConverter;
import dev.berth.schema.yaml.NodeConverter.KeyedNode;
import dev.berth.schema.yaml.YamlFileReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the files of a stack into one JSON document with positions: variables first (they are
 * needed to interpolate the rest), then every other section, merging the named entries of all
 * files and rejecting a name declared twice with both places.
 */
public final class StackAssembler {
    /** Sections whose entries are named objects that several files may contribute to. */
    static final Set<String> NAMED_SECTIONS = Set.of(
            "variables", "clusters", "namespaces", "taskDefinitions", "services", "loadBalancers");

    private final SourceMap positions = new SourceMap();
    private final ObjectNode document = JsonNodeFactory.instance.objectNode();
    private final Diagnostics out;

    private StackAssembler(Diagnostics out) {
        this.out = out;
    }

    /** The merged document, with positions in {@code positions}; empty when a file is unreadable. */
    public static Optional<ObjectNode> assemble(List<Path> files, VariableInputs inputs, SourceMap positions,
                                                Diagnostics out) {
        StackAssembler assembler = new StackAssembler(out);
        List<ParsedFile> parsed = new ArrayList<>();
        for (Path file : files) {
            YamlFileReader.read(file, out).ifPresent(root -> assembler.parse(file, root).ifPresent(parsed::add));
        }
        if (parsed.size() < files.size()) {
            return Optional.empty();
        }
        for (ParsedFile file : parsed) {
            KeyedNode variables = file.entries().get("variables");
            if (variables != null) {
                assembler.add(file, variables, NodeConverter.ScalarRewriter.NONE);
            }
        }
        VariableValues values = VariableResolver.resolve(assembler.document.get("variables"), assembler.positions,
                inputs, out);
        Interpolator interpolator = new Interpolator(values);
        for (ParsedFile file : parsed) {
            file.entries().values().stream()
                    .filter(entry -> !entry.key().equals("variables"))
                    .forEach(entry -> assembler.add(file, entry, interpolator));
        }
        interpolator.reportUnusedMissing(out);
        positions.putAll(assembler.positions);
        return Optional.of(assembler.document);
    }

    private Optional<ParsedFile> parse(Path file, Node root) {
        NodeConverter converter = new NodeConverter(file, out);
        Map<String, KeyedNode> entries = converter.entries(root, "");
        if (entries == null) {
            out.error(new SourcePosition(file, root.getStartMark().getLine() + 1, root.getStartMark().getColumn() + 1),
                    "a stack file is a mapping with keys such as version, stack, services");
            return Optional.empty();
        }
        if (positions.isEmpty()) {
            positions.putValue("", new SourcePosition(file, 1, 1));
        }
        return Optional.of(new ParsedFile(file, converter, entries));
    }

    private void add(ParsedFile file, KeyedNode entry, NodeConverter.ScalarRewriter rewriter) {
        SourceMap filePositions = new SourceMap();
        String pointer = SourceMap.pointer(entry.key());
        filePositions.putKey(pointer, entry.keyPosition());
        JsonNode value = file.converter().convert(entry.value(), pointer, rewriter, filePositions);
        if (value == null) {
            return;
        }
        JsonNode existing = document.get(entry.key());
        if (existing == null) {
            document.set(entry.key(), value);
            positions.putAll(filePositions);
        } else if (NAMED_SECTIONS.contains(entry.key()) && existing.isObject() && value.isObject()) {
            mergeSection(entry.key(), (ObjectNode) existing, value, filePositions);
        } else if (!existing.equals(value)) {
            out.error(entry.keyPosition(), "\"" + entry.key() + "\" is set to " + shown(value)
                    + " here but to " + shown(existing) + " at " + positions.key(pointer)
                    + "; files of one stack must agree");
        }
    }

    private static String shown(JsonNode value) {
        return value.isTextual() ? Echo.quoted(value.asText()) : Echo.cut(value.toString());
    }

    private void mergeSection(String section, ObjectNode existing, JsonNode added, SourceMap filePositions) {
        added.properties().forEach(item -> {
            String pointer = SourceMap.pointer(section, item.getKey());
            if (existing.has(item.getKey())) {
                out.error(filePositions.key(pointer), singular(section) + " \"" + item.getKey()
                        + "\" is declared twice: here and at " + positions.key(pointer));
            } else {
                existing.set(item.getKey(), item.getValue());
                positions.putAllUnder(filePositions, pointer);
            }
        });
    }

    private static String singular(String section) {
        return switch (section) {
            case "variables" -> "variable";
            case "clusters" -> "cluster";
            case "namespaces" -> "namespace";
            case "taskDefinitions" -> "task definition";
            case "services" -> "service";
            default -> "load balancer";
        };
    }

    private record ParsedFile(Path path, NodeConverter converter, Map<String, KeyedNode> entries) {
    }
}
