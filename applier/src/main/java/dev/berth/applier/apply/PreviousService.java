package dev.berth.applier.apply;

import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a service ran before the apply, to go back to: the revision most of its running tasks ran
 * (the newest, on a tie) and how many tasks ran. The count is all running tasks, not only that
 * revision's, so a rollback after an interrupted deployment restores the capacity there was.
 *
 * @param revision 0 when the tasks carry no readable revision (there is nothing to pin)
 */
public record PreviousService(String family, int revision, int count) {

    /** Empty when no task of the service ran: going back means removing it. */
    public static Optional<PreviousService> of(String service, ObservedState before) {
        List<ObservedTask> running = before.tasks().stream()
                .filter(t -> service.equals(t.service()) && t.running())
                .toList();
        return running.stream()
                .collect(Collectors.groupingBy(t -> new Revision(t.family(), t.revision()), Collectors.counting()))
                .entrySet().stream()
                .max(Map.Entry.<Revision, Long>comparingByValue()
                        .thenComparing(e -> e.getKey().revision()))
                .map(e -> new PreviousService(e.getKey().family(), e.getKey().revision(), running.size()));
    }

    /** {@code family:N}, as a service pins it. */
    public String label() {
        return family + ":" + revision;
    }

    private record Revision(String family, int revision) {
    }
}
