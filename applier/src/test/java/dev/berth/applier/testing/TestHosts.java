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
    /**
     * For {@code @ResourceLock}: test classes on these hosts run one at a time, since some stop and
     * start their engines, and others listen on fixed ports of them.
     */
    public static final String LOCK = "berth-test-hosts";

    private TestHosts() {
    }

    /** At least {@code count} engine sockets, h1 first. */
    public static List<String> sockets(int count) {
        return listed("BERTH_TEST_HOSTS", count);
    }

    /** The hosts' own addresses (10.213.0.11 for h1, ...), in the order of {@link #sockets}. */
    public static List<String> addresses(int count) {
        return listed("BERTH_TEST_HOST_ADDRS", count);
    }

    private static List<String> listed(String variable, int count) {
        String listed = System.getenv(variable);
        if (listed == null || listed.isBlank()) {
            String why = variable + " is not set (run scripts/test, or eval \"$(scripts/multi-host env)\")";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionFailedError("CI=true but " + why);
            }
            Assumptions.abort(why);
        }
        List<String> hosts = Arrays.stream(listed.split(",")).map(String::strip).toList();
        if (hosts.size() < count) {
            throw new AssertionFailedError("this test needs " + count + " hosts in " + variable + ", got " + hosts);
        }
        return hosts;
    }
}
