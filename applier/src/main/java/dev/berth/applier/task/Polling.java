package dev.berth.applier.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Repeats a check with growing pauses (100 ms doubling to 1 s) until it answers or time runs out:
 * quick to notice a fast container, cheap on the engine for a slow one.
 */
final class Polling {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    private Polling() {
    }

    /** @return the check's first answer, or empty when {@code limit} passed without one */
    static <T> Optional<T> until(Duration limit, Supplier<Optional<T>> check) {
        Instant deadline = Instant.now().plus(limit);
        Duration pause = FIRST_PAUSE;
        while (true) {
            Optional<T> answer = check.get();
            if (answer.isPresent()) {
                return answer;
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return Optional.empty();
            }
            sleep(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Docker", e);
        }
    }
}
