package dev.berth.applier.testing;

import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The sshd {@code scripts/test-sshd} runs in h1's namespace, as BERTH_TEST_SSH_DIR and
 * BERTH_TEST_SSH_HOST name it. Without it the tests that need it are skipped, except on CI
 * ({@code CI=true}), where they fail.
 */
public final class TestSshd {
    private TestSshd() {
    }

    /** h1's engine as berth reaches it over ssh. */
    public static String endpoint() {
        return "ssh://root@" + variable("BERTH_TEST_SSH_HOST");
    }

    /**
     * The client config of one of the script's keys ({@code accepted}, {@code refused} or
     * {@code nodocker}): known_hosts, user and that key alone.
     */
    public static Path config(String key) {
        Path config = Path.of(variable("BERTH_TEST_SSH_DIR")).resolve(key + ".config");
        if (!Files.isRegularFile(config)) {
            throw new AssertionFailedError("no " + config + ": run scripts/test-sshd up");
        }
        return config;
    }

    /** The environment that points berth's ssh at that key. */
    public static Map<String, String> env(String key) {
        return Map.of("BERTH_SSH_OPTS", "-F " + config(key));
    }

    /** Live ssh processes started with that config: what a closed client must not leave behind. */
    public static List<String> sshProcesses(String key) {
        String config = config(key).toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("/ssh"))
                .map(p -> p.info().commandLine().orElse("")).filter(line -> line.contains(config)).toList();
    }

    private static String variable(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            String why = name + " is not set (run scripts/test, or scripts/test-sshd up and "
                    + "eval \"$(scripts/test-sshd env)\")";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionFailedError("CI=true but " + why);
            }
            Assumptions.abort(why);
        }
        return value;
    }
}
