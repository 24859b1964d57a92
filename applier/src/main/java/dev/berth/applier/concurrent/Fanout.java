package dev.berth.applier.concurrent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Work on many items at once, one virtual thread each: engine calls spend their time waiting, so
 * hosts, services and tasks are handled side by side. Every call returns only when all items are done.
 */
public final class Fanout {
    private Fanout() {
    }

    /** What one item's work gave: its value, or why it failed. */
    public record Attempt<T, R>(T item, R value, RuntimeException failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    /**
     * The results in item order; when any item failed, the first failure (in item order) is thrown
     * as it was, once all are done.
     */
    public static <T, R> List<R> map(Collection<T> items, Function<? super T, R> work) {
        List<R> results = new ArrayList<>();
        for (Attempt<T, R> attempt : attempt(items, work)) {
            if (!attempt.ok()) {
                throw attempt.failure();
            }
            results.add(attempt.value());
        }
        return results;
    }

    /** Every item's outcome in item order, failures included, so one failed host does not hide the others. */
    public static <T, R> List<Attempt<T, R>> attempt(Collection<T> items, Function<? super T, R> work) {
        List<Attempt<T, R>> attempts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<T> ordered = List.copyOf(items);
            List<Future<R>> pending = ordered.stream().map(item -> threads.<R>submit(() -> work.apply(item))).toList();
            for (int i = 0; i < ordered.size(); i++) {
                attempts.add(outcome(ordered.get(i), pending.get(i)));
            }
        }
        return attempts;
    }

    private static <T, R> Attempt<T, R> outcome(T item, Future<R> future) {
        try {
            return new Attempt<>(item, future.get(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engines", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            return new Attempt<>(item, null, cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(cause));
        }
    }
}
