package dev.berth.applier.lock;

/**
 * Asked before each change to the hosts: throws once this process can no longer be sure it holds
 * the stack's lock, so a run whose lease ran out stops instead of racing the run that took over.
 */
@FunctionalInterface
public interface LeaseGuard {
    /** For work that runs without the lock (tests of the deployment engine alone). */
    LeaseGuard NONE = () -> {
    };

    /** @throws LockLostException when the lease may have passed to another run */
    void check();
}
