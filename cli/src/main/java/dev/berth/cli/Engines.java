package dev.berth.cli;

import dev.berth.applier.apply.ApplyUseCase;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.events.ApplyListener;
import dev.berth.applier.lock.StackLock;
import dev.berth.applier.lock.StackLockException;
import dev.berth.applier.task.DockerTaskRuntime;
import dev.berth.planner.planfile.StalePlanException;
import dev.berth.schema.environment.EnvironmentFiles;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The apply use case as commands set it up: the process environment, notices on stderr, and the
 * lock's lease from {@code BERTH_LOCK_LEASE_SECONDS}; its refusals become one-line user errors.
 */
final class Engines {
    static final String LEASE_VARIABLE = "BERTH_LOCK_LEASE_SECONDS";

    private Engines() {
    }

    static ApplyUseCase useCase(DockerClients clients, ApplyListener listener, int concurrencyPerHost,
                                EnvironmentFiles files, PrintWriter err) {
        Map<String, String> env = System.getenv();
        return new ApplyUseCase(clients, new ApplyUseCase.Settings(env, concurrencyPerHost, lease(env), files), listener,
                notice -> {
                    err.println("berth: " + notice);
                    err.flush();
                });
    }

    /** For commands that take the lock but start no task: no progress to show. */
    static ApplyUseCase useCase(DockerClients clients, PrintWriter err) {
        return useCase(clients, event -> {
        }, DockerTaskRuntime.DEFAULT_PERMITS_PER_HOST, EnvironmentFiles.NONE, err);
    }

    /** The lease a holder records: the default unless the environment asks for another (at least the minimum). */
    static Duration lease(Map<String, String> env) {
        String seconds = env.get(LEASE_VARIABLE);
        if (seconds == null || seconds.isBlank()) {
            return StackLock.DEFAULT_LEASE;
        }
        try {
            Duration lease = Duration.ofSeconds(Long.parseLong(seconds.strip()));
            if (lease.compareTo(StackLock.MINIMUM_LEASE) >= 0) {
                return lease;
            }
        } catch (NumberFormatException notANumber) {
            // Refused below, with the same words as a lease that is too short.
        }
        throw new UserError(LEASE_VARIABLE + "=" + seconds + " is not a number of seconds of at least "
                + StackLock.MINIMUM_LEASE.toSeconds());
    }

    /** Runs a step of the use case, saying a held or unreachable lock and a stale plan as one line each. */
    static <T> T userErrors(Supplier<T> step) {
        try {
            return step.get();
        } catch (StackLockException | StalePlanException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
