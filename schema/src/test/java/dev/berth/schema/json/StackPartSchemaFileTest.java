package dev.berth.schema.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema for the files of a directory stack that declare neither {@code version} nor
 * {@code stack} ({@code schema/json/stack-part-v1.schema.json}): the stack schema's sections by
 * reference, none required.
 */
class StackPartSchemaFileTest {
    private static final String JSON_DIR = "classpath:dev/berth/schema/json/";
    private static final Path ROOT = Path.of("..");
    private static final Pattern MODELINE = Pattern.compile("^# yaml-language-server: \\$schema=(\\S+)$");

    static JsonNode partJson;
    static JsonSchema part;

    @BeforeAll
    static void loadSchema() throws IOException {
        partJson = StackSchemaFileTest.JSON.readTree(ROOT.resolve("schema/json/stack-part-v1.schema.json").toFile());
        // Loaded from its location, so its relative $refs find stack-v1.schema.json beside it.
        part = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(JSON_DIR + "stack-part-v1.schema.json"));
    }

    @Test
    void partSchemaIsValidAgainstTheDraft202012MetaSchema() {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(JsonMetaSchema.getV202012().getIri()));
        Set<ValidationMessage> messages = meta.validate(partJson);
        assertTrue(messages.isEmpty(), StackSchemaFileTest.describe(messages));
    }

    @Test
    void everySectionOfTheStackSchemaIsAReferenceToItAndNoneIsRequired() throws IOException {
        JsonNode stack = StackSchemaFileTest.JSON.readTree(ROOT.resolve("schema/json/stack-v1.schema.json").toFile());
        Set<String> sections = new TreeSet<>();
        stack.get("properties").fieldNames().forEachRemaining(sections::add);
        Set<String> offered = new TreeSet<>();
        partJson.get("properties").fields().forEachRemaining(p -> {
            offered.add(p.getKey());
            assertEquals("stack-v1.schema.json#/properties/" + p.getKey(), p.getValue().path("$ref").asText());
            assertEquals(1, p.getValue().size(), p.getKey() + " holds only its $ref, no copy of the stack schema");
        });
        assertEquals(sections, offered);
        assertFalse(partJson.has("required"));
        assertFalse(partJson.get("additionalProperties").asBoolean());
    }

    @Test
    void aFileWithoutVersionAndStackIsAcceptedWhereTheStackSchemaRequiresThem() {
        ObjectNode sections = (ObjectNode) StackSchemaFileTest.fixture("full.yaml");
        sections.remove(List.of("version", "stack"));
        JsonSchema stack = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(JSON_DIR + "stack-v1.schema.json"));

        Set<ValidationMessage> messages = part.validate(sections);
        assertTrue(messages.isEmpty(), StackSchemaFileTest.describe(messages));
        assertFalse(stack.validate(sections).isEmpty(), "the stack schema requires both");
    }

    @Test
    void mistakesInsideASectionAndUnknownSectionsAreRejectedAtTheirPath() throws IOException {
        JsonNode document = StackSchemaFileTest.JSON.readTree("""
                {"services": {"web": {"cluster": "main", "taskDefinition": "web", "desiredCount": -1}},
                 "service": {}}""");

        Set<ValidationMessage> messages = part.validate(document);
        assertTrue(messages.stream().anyMatch(m -> m.getMessage().startsWith("$.services.web.desiredCount")
                && m.getMessage().contains("minimum")), StackSchemaFileTest.describe(messages));
        assertTrue(messages.stream().anyMatch(m -> m.getMessage().contains("service")
                && m.getInstanceLocation().toString().equals("$")), StackSchemaFileTest.describe(messages));
    }

    /** A stack file declaring version is a whole stack or a directory's main file; any other is a part. */
    @Test
    void everyStackFileInTheRepositoryNamesTheSchemaThatFitsIt() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : stackFiles()) {
            List<String> lines = Files.readAllLines(file);
            Matcher modeline = MODELINE.matcher(lines.isEmpty() ? "" : lines.get(0));
            boolean whole = lines.stream().anyMatch(l -> l.startsWith("version:"));
            String expected = whole ? "stack-v1.schema.json" : "stack-part-v1.schema.json";
            if (!modeline.matches()) {
                problems.add(file + ": no yaml-language-server modeline on the first line");
            } else if (!modeline.group(1).endsWith("/" + expected)) {
                problems.add(file + ": names " + modeline.group(1) + ", expected " + expected);
            } else if (!Files.isRegularFile(file.getParent().resolve(modeline.group(1)))) {
                problems.add(file + ": " + modeline.group(1) + " does not exist");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The stack files of stacks/ and examples/ (var files under vars/ are not stack files). */
    private static List<Path> stackFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("stacks", "examples")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(dir), 2)) {
                walk.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        assertFalse(files.isEmpty());
        return files;
    }
}
