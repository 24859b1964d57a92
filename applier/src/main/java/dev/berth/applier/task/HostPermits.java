package dev.berth.applier.task;

import dev.berth.applier.docker.DockerEndpoint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds how many create, start and stop calls run against one engine at once, so a large rollout
 * does not swamp a host (or the client's connection pool) that other work shares.
 */
final class HostPermits {
    private final int perHost;
    private final Map<DockerEndpoint, Semaphore> permits = new ConcurrentHashMap<>();

    HostPermits(int perHost) {
        if (perHost < 1) {
            throw new IllegalArgumentException("at least one concurrent Docker call per host is needed, not " + perHost);
        }
        this.perHost = perHost;
    }

    <T> T call(DockerEndpoint endpoint, Supplier<T> dockerCall) {
        Semaphore semaphore = permits.computeIfAbsent(endpoint, e -> new Semaphore(perHost));
        try {
            semaphore.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Docker call slot on " + endpoint, e);
        }
        try {
            return dockerCall.get();
        } finally {
            semaphore.release();
        }
    }

    void run(DockerEndpoint endpoint, Runnable dockerCall) {
        call(endpoint, () -> {
            dockerCall.run();
            return null;
        });
    }
}
