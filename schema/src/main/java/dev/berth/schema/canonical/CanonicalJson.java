package dev.berth.schema.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.berth.schema.binding.ModelJson;

import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Canonical JSON of model objects: properties in alphabetical order, map entries by key, nulls and
 * empty collections left out, no whitespace. Content hashes are computed over this text, so any
 * change to this configuration changes every hash.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // Record components are creator properties, which Jackson otherwise writes first, in declaration order.
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.CUSTOM,
                    JsonInclude.Include.USE_DEFAULTS, AbsentValue.class, null))
            .build();

    private CanonicalJson() {
    }

    public static String write(Object value) {
        try {
            // The same text either way; the tree skips building Jackson's writers of the records.
            Optional<JsonNode> tree = ModelJson.canonicalTree(value);
            return MAPPER.writeValueAsString(tree.isPresent() ? tree.get() : value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A model record from its canonical JSON (or any JSON of it); a field the record lacks is refused.
     *
     * @throws dev.berth.schema.binding.ModelJson.BindingException the JSON does not fit the type
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return ModelJson.bind(MAPPER.readTree(json), type, false);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy, so that other modules may configure it without changing canonical JSON (and every hash). */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /**
     * Leaves out what reads back the same when missing: null, and empty collections (the model turns
     * a missing collection into an empty one). Unlike {@code NON_EMPTY} it keeps empty strings, which
     * are real values ({@code FOO=}) and would otherwise read back as null.
     */
    private static final class AbsentValue {
        @Override
        public boolean equals(Object value) {
            return value == null
                    || value instanceof Collection<?> collection && collection.isEmpty()
                    || value instanceof Map<?, ?> map && map.isEmpty();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
