package dev.berth.schema.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.Echo;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.source.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns one file's positioned YAML tree into a JSON tree, recording every node's position under
 * its JSON Pointer. It rejects duplicate keys (SnakeYAML would keep the last silently), follows
 * merge keys ({@code <<}), and stops alias expansion at {@link YamlLimits#MAX_ALIAS_EXPANSION}
 * nodes or {@link YamlLimits#MAX_ALIAS_EXPANSION_CHARS} characters of scalars per file, counting
 * what merge keys copy too: a node met a second time was reached through an alias, and so was all
 * below it.
 */
public final class NodeConverter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Resolver YAML_1_1 = new Resolver();

    /** Rewrites the text of scalars as they are converted; variables interpolation plugs in here. */
    @FunctionalInterface
    public interface ScalarRewriter {
        /** The new text, or null when the text is unusable (the reason is in {@code out}). */
        String rewrite(String text, SourcePosition contentStart, boolean singleLine, Diagnostics out);

        ScalarRewriter NONE = (text, start, singleLine, out) -> text;
    }

    private final Path file;
    private final Diagnostics out;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The mappings whose merge keys are being followed, to catch one that merges itself. */
    private final Set<Node> merging = Collections.newSetFromMap(new IdentityHashMap<>());
    private SourceMap positions;
    private long aliasNodes;
    private long aliasChars;
    private boolean limitReported;

    /** One converter per file, so the alias expansion limit counts the whole file. */
    public NodeConverter(Path file, Diagnostics out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Converts {@code node}, found at {@code pointer}, recording positions into {@code into};
     * null when it could not be converted.
     */
    public JsonNode convert(Node node, String pointer, ScalarRewriter rewriter, SourceMap into) {
        positions = into;
        return convert(node, pointer, rewriter, 0, false);
    }

    /** The entries of a mapping in file order, keys checked; null when {@code node} is not a mapping. */
    public Map<String, KeyedNode> entries(Node node, String pointer) {
        if (!(node instanceof MappingNode mapping)) {
            return null;
        }
        Map<String, KeyedNode> explicit = new LinkedHashMap<>();
        List<Node> mergeSources = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                collectMergeSources(tuple.getValueNode(), mergeSources);
                continue;
            }
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                out.error(position(keyNode), "keys must be plain names, not " + describe(keyNode));
                continue;
            }
            String key = scalarKey.getValue();
            SourcePosition keyPosition = position(keyNode);
            KeyedNode previous = explicit.get(key);
            if (previous != null) {
                out.error(keyPosition, "duplicate key " + Echo.quoted(key) + "; it is already defined at line "
                        + previous.keyPosition().line() + ", column " + previous.keyPosition().column());
                continue;
            }
            explicit.put(key, new KeyedNode(key, keyPosition, tuple.getValueNode()));
        }
        if (!merging.add(node)) {
            out.error(position(node), "a merge key (<<) brings in the mapping it stands in (a recursive alias)");
            return explicit;
        }
        for (Node source : mergeSources) {
            Map<String, KeyedNode> merged = overLimit(source, 1, 0)
                    ? null : entries(source, pointer);
            if (merged != null) {
                merged.forEach(explicit::putIfAbsent);
                if (overLimit(source, merged.size(), 0)) {
                    break;
                }
            }
        }
        merging.remove(node);
        return explicit;
    }

    /**
     * Counts nodes and scalar characters that aliases and merge keys add; true (reported once) when
     * the file's budget is spent, so an alias or merge bomb ends in one error, not in time or heap.
     */
    private boolean overLimit(Node at, long nodes, long chars) {
        aliasNodes += nodes;
        aliasChars += chars;
        if (aliasNodes <= YamlLimits.MAX_ALIAS_EXPANSION && aliasChars <= YamlLimits.MAX_ALIAS_EXPANSION_CHARS) {
            return false;
        }
        if (!limitReported) {
            limitReported = true;
            out.error(position(at), "aliases and merge keys expand to more than " + YamlLimits.MAX_ALIAS_EXPANSION
                    + " nodes or " + YamlLimits.MAX_ALIAS_EXPANSION_CHARS / 1048576
                    + " MiB of text in this file; berth refuses alias bombs");
        }
        return true;
    }

    private void collectMergeSources(Node value, List<Node> sources) {
        if (value instanceof MappingNode) {
            sources.add(value);
        } else if (value instanceof SequenceNode sequence
                && sequence.getValue().stream().allMatch(n -> n instanceof MappingNode)) {
            sources.addAll(sequence.getValue());
        } else {
            out.error(position(value), "a merge key (<<) takes a mapping or a list of mappings");
        }
    }

    private JsonNode convert(Node node, String pointer, ScalarRewriter rewriter, int depth, boolean viaAlias) {
        boolean aliased = !seen.add(node) || viaAlias;
        if (depth > YamlLimits.MAX_NESTING_DEPTH) {
            if (!limitReported) {
                limitReported = true;
                out.error(position(node), "aliases nest deeper than " + YamlLimits.MAX_NESTING_DEPTH
                        + " levels (a recursive alias?)");
            }
            return null;
        }
        if (aliased && overLimit(node, 1, node instanceof ScalarNode scalar ? scalar.getValue().length() : 0)) {
            return null;
        }
        positions.putValue(pointer, position(node));
        return switch (node.getNodeId()) {
            case scalar -> scalar((ScalarNode) node, pointer, rewriter);
            case sequence -> sequence((SequenceNode) node, pointer, rewriter, depth, aliased);
            case mapping -> mapping(node, pointer, rewriter, depth, aliased);
            case anchor -> throw new IllegalStateException("SnakeYAML resolves anchors while composing");
        };
    }

    private JsonNode mapping(Node node, String pointer, ScalarRewriter rewriter, int depth, boolean aliased) {
        ObjectNode object = NODES.objectNode();
        for (KeyedNode entry : entries(node, pointer).values()) {
            String child = SourceMap.child(pointer, entry.key());
            positions.putKey(child, entry.keyPosition());
            JsonNode value = convert(entry.value(), child, rewriter, depth + 1, aliased);
            if (value != null) {
                object.set(entry.key(), value);
            }
        }
        return object;
    }

    private JsonNode sequence(SequenceNode node, String pointer, ScalarRewriter rewriter, int depth,
                              boolean aliased) {
        ArrayNode array = NODES.arrayNode();
        List<Node> items = node.getValue();
        for (int i = 0; i < items.size(); i++) {
            JsonNode value = convert(items.get(i), SourceMap.child(pointer, i), rewriter, depth + 1, aliased);
            array.add(value == null ? NODES.nullNode() : value);
        }
        return array;
    }

    private JsonNode scalar(ScalarNode node, String pointer, ScalarRewriter rewriter) {
        SourcePosition start = position(node);
        boolean quoted = node.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED
                || node.getScalarStyle() == ScalarStyle.SINGLE_QUOTED;
        boolean singleLine = node.getStartMark().getLine() == node.getEndMark().getLine();
        SourcePosition content = quoted ? new SourcePosition(file, start.line(), start.column() + 1) : start;
        if (singleLine) {
            positions.putScalarContent(pointer, content);
        }
        String text = rewriter.rewrite(node.getValue(), content, singleLine, out);
        if (text == null) {
            return NODES.nullNode();
        }
        if (!text.equals(node.getValue())) {
            // A value from a variable is text until the schema says the field wants a number:
            // tag "1.10" must stay "1.10" in an image, and a count "3" must become 3.
            positions.markInterpolated(pointer);
            return NODES.textNode(text);
        }
        if (node.getScalarStyle() != ScalarStyle.PLAIN || explicitString(node)) {
            return NODES.textNode(text);
        }
        if (ScalarTypes.overlongNumber(text)) {
            out.error(start, "a number of " + text.length() + " characters; no field takes more than "
                    + ScalarTypes.MAX_NUMBER_LENGTH + " (quote it if it is meant as text)");
            return NODES.nullNode();
        }
        return ScalarTypes.plain(text);
    }

    /** {@code !!str 42}: SnakeYAML gives the plain scalar a str tag its resolver would not have. */
    private static boolean explicitString(ScalarNode node) {
        return node.getTag().equals(Tag.STR)
                && !YAML_1_1.resolve(NodeId.scalar, node.getValue(), true).equals(Tag.STR);
    }

    /**
     * The text of a scalar as written, for values that are text whatever they look like (a tag
     * {@code 1.10} stays {@code 1.10}); empty for a mapping, a list or a plain null.
     */
    public static Optional<String> text(Node node) {
        if (!(node instanceof ScalarNode scalar)
                || scalar.getScalarStyle() == ScalarStyle.PLAIN && ScalarTypes.isNull(scalar.getValue())) {
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    public SourcePosition position(Node node) {
        return YamlFileReader.position(file, node.getStartMark());
    }

    private static String describe(Node node) {
        return node.getNodeId() == NodeId.mapping ? "a mapping" : "a list";
    }

    /** A mapping entry with where its key stands. */
    public record KeyedNode(String key, SourcePosition keyPosition, Node value) {
    }
}
