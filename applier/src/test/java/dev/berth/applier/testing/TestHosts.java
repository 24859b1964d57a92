package dev.berth.applier.testing;

import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

import java.util.Arrays;
import java.util.List;

/**
 * The extra engines {@code scripts/test} starts (h1..hN of {@code scripts/multi-host}), as their
 * sockets in BERTH_TEST_HOSTS. Without them the tests that need them are skipped, except on CI
 * ({@code CI=true}), where they must fail rather than pass by not running.
 */
public final class TestHosts {
    private TestHosts() {
    }

    /** At least {@code count} engine sockets, h1 first. */
    public static List<String> sockets(int count) {
        String listed = System.getenv("BERTH_TEST_HOSTS");
        if (listed == null || listed.isBlank()) {
            String why = "BERTH_TEST_HOSTS is not set (run scripts/test, or eval \"$(scripts/multi-host env)\")";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionFailedError("CI=true but " + why);
            }
            Assumptions.abort(why);
        }
        List<String> hosts = Arrays.stream(listed.split(",")).map(String::strip).toList();
        if (hosts.size() < count) {
            throw new AssertionFailedError("this test needs " + count + " hosts in BERTH_TEST_HOSTS, got " + hosts);
        }
        return hosts;
    }
}
