package dev.berth.applier.lock;

/** Too few of the stack's hosts answered to hold the lock on a majority, so nobody can safely take it. */
public final class LockHostUnavailableException extends StackLockException {
    LockHostUnavailableException(String message) {
        super(message);
    }
}
