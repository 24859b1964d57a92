package dev.berth.applier.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.applier.docker.EngineJson;
import dev.berth.schema.model.HealthCheck;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** ECS health checks as Docker runs them, and how long one may take to decide. */
final class HealthChecks {
    private static final String DISABLED = "NONE";
    private static final Duration PROBE_WATCHED = Duration.ofSeconds(1);
    private static final Duration PROBE_POLL = Duration.ofMillis(100);

    private HealthChecks() {
    }

    /** Only for a declared check: without one, the image's own HEALTHCHECK applies, as in ECS. */
    static ObjectNode docker(HealthCheck check) {
        ObjectNode docker = EngineJson.object();
        if (disabled(check)) {
            EngineJson.putStrings(docker, "Test", List.of(DISABLED));
            return docker;
        }
        EngineJson.putStrings(docker, "Test", check.command());
        return docker.put("Interval", nanos(check.interval()))
                .put("Timeout", nanos(check.timeout()))
                .put("Retries", check.retries())
                .put("StartPeriod", nanos(check.startPeriod()));
    }

    static boolean declared(HealthCheck check) {
        return check != null && !disabled(check);
    }

    /**
     * The longest a check can take to turn healthy or unhealthy: the start period, then one interval
     * and timeout per retry, plus one more round for the first probe's scheduling.
     */
    static Duration decisionTime(HealthCheck check) {
        long seconds = check.startPeriod() + (long) (check.interval() + check.timeout()) * (check.retries() + 1);
        return Duration.ofSeconds(seconds);
    }

    /**
     * When a container's next health probe may have answered: Docker probes one interval after
     * the start and then every interval. For a second after a probe (its command's run, which
     * on a busy host takes a good part of that), soon, unless the engine's events tell the
     * answer ({@code told}).
     */
    static Instant nextAnswer(HealthCheck check, Instant startedAt, Instant now, boolean told) {
        long interval = check.interval() * 1000L;
        long since = Math.max(0, Duration.between(startedAt, now).toMillis());
        long lastProbe = since / interval * interval;
        if (!told && lastProbe > 0 && since - lastProbe < PROBE_WATCHED.toMillis()) {
            return now.plus(PROBE_POLL);
        }
        return startedAt.plusMillis(lastProbe + interval);
    }

    private static boolean disabled(HealthCheck check) {
        return check.command().isEmpty() || DISABLED.equals(check.command().getFirst());
    }

    private static long nanos(int seconds) {
        return Duration.ofSeconds(seconds).toNanos();
    }
}
