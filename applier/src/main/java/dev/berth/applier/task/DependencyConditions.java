package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.ContainerDependency;
import dev.berth.schema.model.ContainerDependency.Condition;

import java.time.Duration;
import java.util.Optional;

/** Waits, before a container starts, until a container it depends on meets the declared condition. */
final class DependencyConditions {
    /** How long a dependency without a startTimeout may take to run to completion or to turn healthy, at most. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    /** A HEALTHY wait ends this long after the health check must have decided, so a slow engine is not a failure. */
    private static final Duration HEALTH_SLACK = Duration.ofSeconds(5);

    private DependencyConditions() {
    }

    /**
     * @param dependency   the definition of the container depended on, already started as {@code dependencyId}
     * @throws TaskFailure when the condition cannot be met any more or is not met in time
     */
    static void await(DockerClient client, String dependent, ContainerDependency condition,
                      ContainerDefinition dependency, String dependencyId) {
        String wanted = ", container " + dependent + " depends on its " + condition.condition();
        if (condition.condition() == Condition.HEALTHY && !HealthChecks.declared(dependency.healthCheck())) {
            throw new TaskFailure("container " + dependency.name() + " has no health check" + wanted);
        }
        Duration limit = limit(condition.condition(), dependency);
        String container = "container " + dependency.name() + " ";
        Decision decision = Polling.until(limit, () -> ContainerStatus.of(client, dependencyId)
                        .map(status -> decide(condition.condition(), status, container, wanted))
                        .orElseGet(() -> Optional.of(Decision.failed(container + "is gone" + wanted))))
                .orElseGet(() -> Decision.failed(container + "did not reach " + condition.condition() + " within "
                        + limit.toSeconds() + " s" + wanted));
        if (decision.failure() != null) {
            throw new TaskFailure(decision.failure());
        }
    }

    /** Empty while the dependency may still meet the condition. */
    private static Optional<Decision> decide(Condition condition, ContainerStatus status, String container,
                                             String wanted) {
        return switch (condition) {
            case START -> status.startedAt() != null ? Decision.MET : UNDECIDED;
            case COMPLETE -> status.exited() ? Decision.MET : UNDECIDED;
            case SUCCESS -> !status.exited() ? UNDECIDED
                    : status.exitCode() == 0 ? Decision.MET : Optional.of(Decision.failed(container + status.exit() + wanted));
            case HEALTHY -> status.healthy() ? Decision.MET
                    : status.unhealthy() ? Optional.of(Decision.failed(container + "is unhealthy" + wanted))
                    : status.exited() ? Optional.of(Decision.failed(container + status.exit() + wanted))
                    : UNDECIDED;
        };
    }

    /** The dependency's startTimeout, as on ECS, where it declares one; otherwise what its condition needs. */
    private static Duration limit(Condition condition, ContainerDefinition dependency) {
        if (dependency.startTimeout() != null) {
            return Duration.ofSeconds(dependency.startTimeout());
        }
        if (condition == Condition.HEALTHY) {
            Duration decision = HealthChecks.decisionTime(dependency.healthCheck()).plus(HEALTH_SLACK);
            return decision.compareTo(LONGEST_WAIT) < 0 ? decision : LONGEST_WAIT;
        }
        return LONGEST_WAIT;
    }

    private static final Optional<Decision> UNDECIDED = Optional.empty();

    /** @param failure null when the condition is met */
    private record Decision(String failure) {
        static final Optional<Decision> MET = Optional.of(new Decision(null));

        static Decision failed(String reason) {
            return new Decision(reason);
        }
    }
}
