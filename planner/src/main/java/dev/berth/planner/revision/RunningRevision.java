package dev.berth.planner.revision;

import dev.berth.planner.observed.ObservedTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one rule for which revision a service runs: the one most of its running tasks run (the
 * newest on a tie), with the count of all its running tasks, so going back after an interrupted
 * deployment restores the capacity there was. The circuit breaker returns to it; {@code berth
 * rollback} deploys the recorded revision before it.
 *
 * @param revision 0 when the tasks carry no readable revision (there is nothing to pin)
 */
public record RunningRevision(String family, int revision, int count) {

    /** Empty when no task of the service runs. */
    public static Optional<RunningRevision> of(String service, List<ObservedTask> tasks) {
        List<ObservedTask> running = tasks.stream()
                .filter(t -> service.equals(t.service()) && t.running())
                .toList();
        return running.stream()
                .collect(Collectors.groupingBy(t -> new Revision(t.family(), t.revision()), Collectors.counting()))
                .entrySet().stream()
                .max(Map.Entry.<Revision, Long>comparingByValue()
                        .thenComparing(e -> e.getKey().revision()))
                .map(e -> new RunningRevision(e.getKey().family(), e.getKey().revision(), running.size()));
    }

    /** {@code family:N}, as a service pins it. */
    public String label() {
        return family + ":" + revision;
    }

    private record Revision(String family, int revision) {
    }
}
