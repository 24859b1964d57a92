package dev.berth.applier.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Repeats a check with growing pauses (100 ms doubling to 1 s) until it answers or time runs out:
 * quick to notice a fast container, cheap on the engine for a slow one. A pause that is told of
 * changes ({@link ContainerEvents}) waits for the instant the check expects to answer, however far.
 */
final class Polling {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    private Polling() {
    }

    /** How a wait pauses: up to the time given, sooner when something changed. */
    interface Pause {
        /** A pause that only sleeps, and tells nothing. */
        Pause SLEEP = new Pause() {
            @Override
            public boolean told() {
                return false;
            }

            @Override
            public void upTo(Duration pause) {
                sleep(pause);
            }
        };

        /** Whether every change that would make the check answer ends the pause. */
        boolean told();

        void upTo(Duration pause);
    }

    /** @return the check's first answer, or empty when {@code limit} passed without one */
    static <T> Optional<T> until(Duration limit, Supplier<Optional<T>> check) {
        return until(limit, check, Optional::empty, Pause.SLEEP);
    }

    /**
     * @param answerAt when the check last said it will answer (a container that only has to keep
     *                 running until a known instant): the next check is then (at most a second
     *                 away unless {@code pause} is told of changes) rather than after the doubling pause
     */
    static <T> Optional<T> until(Duration limit, Supplier<Optional<T>> check, Supplier<Optional<Instant>> answerAt,
                                 Pause pause) {
        Instant deadline = Instant.now().plus(limit);
        Duration backoff = FIRST_PAUSE;
        while (true) {
            Optional<T> answer = check.get();
            if (answer.isPresent()) {
                return answer;
            }
            Instant now = Instant.now();
            Duration left = Duration.between(now, deadline);
            if (left.isNegative() || left.isZero()) {
                return Optional.empty();
            }
            Optional<Instant> known = answerAt.get().filter(at -> at.isAfter(now));
            if (known.isPresent()) {
                // Untold, at most the longest pause, so a container that exits meanwhile is noticed as soon.
                Duration until = Duration.between(now, known.get());
                until = pause.told() || until.compareTo(LONGEST_PAUSE) < 0 ? until : LONGEST_PAUSE;
                pause.upTo(until.compareTo(left) < 0 ? until : left);
                continue;
            }
            pause.upTo(backoff.compareTo(left) < 0 ? backoff : left);
            backoff = backoff.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? backoff.multipliedBy(2) : LONGEST_PAUSE;
        }
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Docker", e);
        }
    }
}
