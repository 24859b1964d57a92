package dev.berth.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/** The one JSON configuration of every document berth prints: map keys sorted, two-space indent, {@code \n}. */
final class JsonOutput {
    /** Sorted map keys keep values that arrive as hash maps byte-identical between runs. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** Jackson's default indenter writes the platform line separator; documents must not depend on it. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    /** The format version of every document but the plan's. */
    static final int FORMAT_VERSION = 1;

    private JsonOutput() {
    }

    /** A document starting with {@code formatVersion}, the field consumers check first. */
    static ObjectNode document(String stack) {
        return document(FORMAT_VERSION, stack);
    }

    static ObjectNode document(int formatVersion, String stack) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", formatVersion);
        root.put("stack", stack);
        return root;
    }

    static String write(ObjectNode document) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
