package dev.berth.applier.task;

import dev.berth.schema.model.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretResolverTest {
    @Test
    void resolvesFromTheEnvironmentAndFromFilesDroppingOneTrailingNewline(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "line\n\n");
        SecretResolver resolver = new SecretResolver(Map.of("SHOP_DB_PASSWORD", "pw"));
        assertEquals(Map.of("DB_PASSWORD", "pw", "TOKEN", "line\n"), resolver.resolve("app", List.of(
                new Secret("DB_PASSWORD", "env:SHOP_DB_PASSWORD"), new Secret("TOKEN", "file:" + file))));
    }

    @Test
    void aMissingSecretNamesItsSource(@TempDir Path dir) {
        SecretResolver resolver = new SecretResolver(Map.of());
        assertEquals("secret TOKEN of container app: file " + dir.resolve("nope") + " does not exist",
                assertThrows(SecretUnavailableException.class, () -> resolver.resolve("app",
                        List.of(new Secret("TOKEN", "file:" + dir.resolve("nope"))))).getMessage());
        assertEquals("secret TOKEN of container app: valueFrom must start with env: or file:, not \"vault:x\"",
                assertThrows(SecretUnavailableException.class, () -> resolver.resolve("app",
                        List.of(new Secret("TOKEN", "vault:x")))).getMessage());
    }
}
