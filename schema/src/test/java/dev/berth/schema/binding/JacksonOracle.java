package dev.berth.schema.binding;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.model.Stack;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds {@link ModelJson} to what Jackson's data binding, which it replaced, makes of a loaded
 * stack: the canonical text of the stack and of each of its parts, and the records read back.
 */
public final class JacksonOracle {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private JacksonOracle() {
    }

    /** @return how many values were compared */
    public static int assertAgrees(LoadedStack loaded, String where) throws IOException {
        ObjectMapper canonical = CanonicalJson.mapper();
        List<Object> values = new ArrayList<>(List.of(loaded.source(), loaded.canonical()));
        values.addAll(loaded.canonical().taskDefinitions().values());
        values.addAll(loaded.canonical().services().values());
        values.addAll(loaded.canonical().loadBalancers().values());
        values.addAll(loaded.canonical().clusters().values());
        for (Object value : values) {
            assertTrue(ModelJson.canonicalTree(value).isPresent(), where + ": " + value);
            assertEquals(canonical.writeValueAsString(value), CanonicalJson.write(value), where);
        }
        for (Stack stack : List.of(loaded.source(), loaded.canonical())) {
            String json = CanonicalJson.write(stack);
            assertEquals(JACKSON.readValue(json, Stack.class), CanonicalJson.read(json, Stack.class), where);
            assertEquals(stack, CanonicalJson.read(json, Stack.class), where);
        }
        return values.size();
    }
}
