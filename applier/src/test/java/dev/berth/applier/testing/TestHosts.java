package dev.berth.applier.testing;

import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

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

    /** h1's engine over TLS, as {@code scripts/multi-host} serves it beside its socket. */
    public record Tls(String endpoint, String certPath) {
        /** What berth (and the docker CLI) reads to reach it. */
        public Map<String, String> env() {
            return Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certPath);
        }
    }

    public static Tls tls() {
        return new Tls(required("BERTH_H1_TLS"), required("BERTH_TEST_TLS_CERT_PATH"));
    }

    private static List<String> listed(String variable, int count) {
        List<String> hosts = Arrays.stream(required(variable).split(",")).map(String::strip).toList();
        if (hosts.size() < count) {
            throw new AssertionFailedError("this test needs " + count + " hosts in " + variable + ", got " + hosts);
        }
        return hosts;
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            String why = variable + " is not set (run scripts/test, or eval \"$(scripts/multi-host env)\")";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionFailedError("CI=true but " + why);
            }
            Assumptions.abort(why);
        }
        return value;
    }
}
