package dev.berth.schema.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelJsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void everyStackOfTheRepositoryIsWrittenAndReadAsJacksonsDataBindingDid() throws IOException {
        List<Path> compared = new ArrayList<>();
        int values = 0;
        for (Path dir : stackDirectories()) {
            LoadedStack loaded = StackLoader.load(dir, VariableInputs.none());
            if (loaded.valid()) {
                values += JacksonOracle.assertAgrees(loaded, dir.toString());
                compared.add(dir);
            }
        }
        assertTrue(compared.size() >= 5 && values >= 30, values + " values of " + compared);
    }

    @Test
    void listsOfScalarsAreWrittenAsJacksonWritesThem() throws IOException {
        List<Object> fields = Arrays.asList("h1", 3, 2.5, 7L, true, null, List.of("b", "a"),
                Map.of("z", 1, "a", 2), PortMapping.Protocol.udp, LoadBalancer.Action.Type.fixed_response);

        assertEquals(CanonicalJson.mapper().writeValueAsString(fields), CanonicalJson.write(fields));
    }

    /** Not of the model: Jackson writes it, so whatever it makes of a type stays what the hashes are of. */
    record Elsewhere(String b, String a) {
    }

    @Test
    void aValueHoldingAnythingButTheModelIsLeftToJackson() throws IOException {
        List<Object> mixed = List.of(new KeyValuePair("A", "1"), new Elsewhere("2", "1"));

        assertTrue(ModelJson.canonicalTree(mixed).isEmpty());
        assertEquals(CanonicalJson.mapper().writeValueAsString(mixed), CanonicalJson.write(mixed));
    }

    @Test
    void scalarsAreCoercedAsJacksonCoercesThem() throws IOException {
        JsonNode tree = JACKSON.readTree("{\"name\": 5, \"value\": true}");

        assertEquals(JACKSON.treeToValue(tree, KeyValuePair.class), ModelJson.bind(tree, KeyValuePair.class, false));
        assertEquals(new KeyValuePair("5", "true"), ModelJson.bind(tree, KeyValuePair.class, false));
        JsonNode port = JACKSON.readTree("{\"containerPort\": \"8080\", \"protocol\": null}");
        assertEquals(JACKSON.treeToValue(port, PortMapping.class), ModelJson.bind(port, PortMapping.class, false));
    }

    @Test
    void enumsAreReadByTheirJsonNamesWhereTheyHaveOne() throws IOException {
        JsonNode tree = JACKSON.readTree("{\"field\": \"path-pattern\", \"values\": [\"/api/*\"]}");

        assertEquals(new LoadBalancer.Condition(LoadBalancer.Condition.Field.path_pattern, List.of("/api/*")),
                ModelJson.bind(tree, LoadBalancer.Condition.class, false));
        assertEquals(JACKSON.treeToValue(tree, LoadBalancer.Condition.class),
                ModelJson.bind(tree, LoadBalancer.Condition.class, false));
        assertThrows(ModelJson.BindingException.class, () -> ModelJson.bind(
                JACKSON.readTree("{\"field\": \"path_pattern\"}"), LoadBalancer.Condition.class, false));
    }

    @Test
    void aNumberBeyondItsJavaTypeSaysWhereAndTheBoundItPassed() throws IOException {
        JsonNode tree = JACKSON.readTree("{\"policies\": [{\"name\": \"out\", \"scalingAdjustments\": [0],"
                + " \"cooldown\": 3000000000}]}");

        ModelJson.BindingException refused = assertThrows(ModelJson.BindingException.class,
                () -> ModelJson.bind(tree.get("policies").get(0), AutoScaling.StepScaling.class, true));
        assertEquals("/cooldown", refused.pointer());
        assertEquals("cooldown", refused.field());
        assertEquals(Integer.MAX_VALUE, refused.limit());
    }

    @Test
    void aFieldTheRecordLacksIsSkippedOrRefusedAsAsked() throws IOException {
        JsonNode tree = JACKSON.readTree("{\"name\": \"A\", \"value\": \"1\", \"comment\": \"x\"}");

        assertEquals(new KeyValuePair("A", "1"), ModelJson.bind(tree, KeyValuePair.class, true));
        ModelJson.BindingException refused = assertThrows(ModelJson.BindingException.class,
                () -> ModelJson.bind(tree, KeyValuePair.class, false));
        assertTrue(refused.getMessage().contains("unknown field \"comment\""), refused.getMessage());
        assertNull(refused.limit());
    }

    private static List<Path> stackDirectories() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> list = Files.list(Path.of("../examples"))) {
            list.filter(Files::isDirectory).sorted().forEach(dirs::add);
        }
        dirs.add(Path.of("../stacks/shop"));
        return dirs;
    }
}
