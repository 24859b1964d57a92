package dev.berth.applier.task;

import com.github.dockerjava.api.model.AuthConfig;
import dev.berth.schema.model.RepositoryCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a pull's login comes from, with real config.json files and real credential helper scripts
 * (the pulls themselves: RegistryAuthTest in the cli module, against the test registry).
 */
class RegistryLoginsTest {
    private static final String IMAGE = "reg.example:5000/team/web:1";

    @TempDir
    Path dir;

    @Test
    void theContainersRepositoryCredentialsComeFromItsFileSecretAndWinOverConfigJson() throws IOException {
        config("{\"auths\": {\"reg.example:5000\": {\"auth\": \"" + base64("other:wrong") + "\"}}}");
        Path secret = Files.writeString(dir.resolve("login.json"), "{\"username\": \"ci\", \"password\": \"s3cret\"}\n");

        RegistryLogins.Login login = logins().of(IMAGE, "app", new RepositoryCredentials("file:" + secret));

        assertEquals("reg.example:5000", login.registry());
        assertEquals("repositoryCredentials file:" + secret + " of container app", login.source());
        assertEquals(new AuthConfig().withRegistryAddress("reg.example:5000").withUsername("ci")
                .withPassword("s3cret"), login.auth());
    }

    @Test
    void aSecretThatIsNotTheJsonLoginNamesItsSourceAndNotItsContent() throws IOException {
        Path secret = Files.writeString(dir.resolve("login.txt"), "ci:hunter2-value");

        RegistryLoginException failure = assertThrows(RegistryLoginException.class,
                () -> logins().of(IMAGE, "app", new RepositoryCredentials("file:" + secret)));

        assertEquals("repositoryCredentials file:" + secret + " of container app: the secret must be JSON "
                + "{\"username\": ..., \"password\": ...}", failure.getMessage());
        assertFalse(failure.getMessage().contains("hunter2"));
    }

    @Test
    void authsKeyedWithASchemeOrAPathAreFoundAsTheDockerCliFindsThem() throws IOException {
        config("{\"auths\": {\"https://reg.example:5000/v1/\": {\"auth\": \"" + base64("ci:pass:with:colons") + "\"},"
                + " \"https://index.docker.io/v1/\": {\"identitytoken\": \"hub-token\"}}}");

        AuthConfig registry = logins().of(IMAGE, "app", null).auth();
        AuthConfig hub = logins().of("nginx:1.27", "app", null).auth();

        assertEquals("ci", registry.getUsername());
        assertEquals("pass:with:colons", registry.getPassword());
        assertEquals("hub-token", hub.getIdentitytoken());
        assertEquals("https://index.docker.io/v1/", hub.getRegistryAddress());
    }

    @Test
    void anAuthThatIsNotBase64OfUserAndPasswordIsRefusedWithoutEchoingIt() throws IOException {
        config("{\"auths\": {\"reg.example:5000\": {\"auth\": \"" + base64("nocolon-secret") + "\"}}}");

        RegistryLoginException failure = assertThrows(RegistryLoginException.class,
                () -> logins().of(IMAGE, "app", null));

        assertEquals("the login in " + dir.resolve("config.json") + ": its \"auth\" is not base64 of user:password",
                failure.getMessage());
    }

    @Test
    void aRegistryWithoutALoginIsPulledAnonymously() throws IOException {
        config("{\"auths\": {\"other.example\": {\"auth\": \"" + base64("a:b") + "\"}}}");

        RegistryLogins.Login login = logins().of(IMAGE, "app", null);

        assertNull(login.auth());
        assertEquals("no credentials (none for it in " + dir.resolve("config.json") + ")", login.source());
    }

    @Test
    void credsStoreIsAskedWhenNoCredHelperNamesTheRegistryAndItsNotFoundMeansAnonymous() throws IOException {
        helper("store", "echo 'credentials not found in native keychain'; exit 1");
        helper("named", "printf '{\"ServerURL\": \"%s\", \"Username\": \"<token>\", \"Secret\": \"tok\"}' \"$(cat)\"");
        config("{\"credsStore\": \"store\", \"credHelpers\": {\"named.example\": \"named\"}}");

        RegistryLogins.Login stored = logins().of(IMAGE, "app", null);
        RegistryLogins.Login named = logins().of("named.example/web:1", "app", null);

        assertNull(stored.auth());
        assertEquals("docker-credential-store (" + dir.resolve("config.json") + ")", stored.source());
        assertEquals("tok", named.auth().getIdentitytoken());
        assertEquals("named.example", named.auth().getRegistryAddress());
    }

    @Test
    void aHelperThatFailsIsReportedWithItsExitCodeAndOneNotOnPathAsSuch() throws IOException {
        helper("broken", "echo 'keychain locked' >&2; exit 3");
        config("{\"credHelpers\": {\"reg.example:5000\": \"broken\", \"named.example\": \"absent\"}}");

        RegistryLoginException broken = assertThrows(RegistryLoginException.class,
                () -> logins().of(IMAGE, "app", null));
        RegistryLoginException absent = assertThrows(RegistryLoginException.class,
                () -> logins().of("named.example/web:1", "app", null));

        assertEquals("docker-credential-broken (" + dir.resolve("config.json") + "): exited with 3: \"keychain locked\"",
                broken.getMessage());
        assertEquals("docker-credential-absent (" + dir.resolve("config.json") + "): not found on PATH",
                absent.getMessage());
    }

    @Test
    void aHelperNameThatIsNoFileNameIsRefusedBeforeAnythingRuns() throws IOException {
        config("{\"credsStore\": \"../../bin/sh\"}");

        RegistryLoginException failure = assertThrows(RegistryLoginException.class,
                () -> logins().of(IMAGE, "app", null));

        assertEquals(dir.resolve("config.json") + ": \"../../bin/sh\" is not a credential helper's name",
                failure.getMessage());
    }

    @Test
    void aConfigJsonThatIsNotJsonFailsNamingTheFile() throws IOException {
        config("{\"auths\": ");

        RegistryLoginException failure = assertThrows(RegistryLoginException.class,
                () -> logins().of(IMAGE, "app", null));

        assertTrue(failure.getMessage().startsWith("cannot read " + dir.resolve("config.json") + " ("),
                failure.getMessage());
    }

    private RegistryLogins logins() {
        return new RegistryLogins(Map.of("DOCKER_CONFIG", dir.toString(), "PATH", dir.resolve("bin") + ":/usr/bin:/bin"),
                new SecretResolver(Map.of()));
    }

    private void config(String json) throws IOException {
        Files.writeString(dir.resolve("config.json"), json);
    }

    /** A credential helper docker-credential-NAME running {@code body} for {@code get}. */
    private void helper(String name, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = Files.writeString(bin.resolve("docker-credential-" + name),
                "#!/bin/sh\n[ \"$1\" = get ] || exit 2\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
