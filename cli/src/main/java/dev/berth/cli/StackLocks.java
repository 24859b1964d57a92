package dev.berth.cli;

import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.lock.StackLock;
import dev.berth.applier.lock.StackLockException;
import dev.berth.schema.model.Stack;

import java.io.PrintWriter;
import java.util.function.Function;

/**
 * The stack lock as commands use it: notices go to stderr, and a lock held elsewhere, a lock host
 * that does not answer or a foreign container under the lock's name become one-line user errors.
 */
final class StackLocks {
    private StackLocks() {
    }

    static StackLock of(Stack stack, DockerClients clients, PrintWriter err) {
        return StackLock.of(stack, clients, new ClusterHosts(System.getenv()), notice -> {
            err.println("berth: " + notice);
            err.flush();
        });
    }

    /** Takes the lock for {@code command}; close the result to release it. */
    static StackLock.Held acquire(Stack stack, DockerClients clients, PrintWriter err, String command) {
        return using(of(stack, clients, err), lock -> lock.acquire(command));
    }

    static <T> T using(StackLock lock, Function<StackLock, T> call) {
        try {
            return call.apply(lock);
        } catch (StackLockException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
