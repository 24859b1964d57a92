package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaCommandTest {
    private static final Path SCHEMAS = Path.of("..", "schema", "json");

    @ParameterizedTest
    @EnumSource(SchemaCommand.Name.class)
    void eachNamePrintsItsFileInSchemaJsonByteForByte(SchemaCommand.Name name) throws IOException {
        CommandRun run = CommandRun.of("schema", name.name());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals(Files.readString(SCHEMAS.resolve(name.file)), run.out());
    }

    @Test
    void withoutANameItPrintsTheStackSchema() throws IOException {
        assertEquals(Files.readString(SCHEMAS.resolve("stack-v1.schema.json")), CommandRun.of("schema").out());
    }

    @Test
    void everySchemaFileInSchemaJsonHasAName() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            Set<String> shipped = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .collect(Collectors.toSet());
            assertEquals(shipped, Stream.of(SchemaCommand.Name.values()).map(n -> n.file).collect(Collectors.toSet()));
        }
    }

    /** The command prints text; ASCII comes out as the same bytes whatever the terminal's encoding. */
    @ParameterizedTest
    @EnumSource(SchemaCommand.Name.class)
    void everySchemaFileIsAsciiSoItPrintsTheSameBytesUnderAnyEncoding(SchemaCommand.Name name) throws IOException {
        byte[] bytes = Files.readAllBytes(SCHEMAS.resolve(name.file));
        assertEquals(new String(bytes, StandardCharsets.US_ASCII), new String(bytes, StandardCharsets.UTF_8),
                name.file + " has non-ASCII characters; write them as \\u escapes");
    }

    @Test
    void anUnknownNameFailsWithTheNamesThereAre() {
        CommandRun run = CommandRun.of("schema", "stak");

        assertEquals(ExitCodes.ERROR, run.exitCode());
        assertTrue(run.err().contains("stack, part, plan, drift, status, cluster"), run.err());
        assertEquals("", run.out());
    }
}
