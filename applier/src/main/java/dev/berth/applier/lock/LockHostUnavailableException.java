package dev.berth.applier.lock;

/** The host that keeps the stack's lock did not answer, so nobody can tell whether the stack is locked. */
public final class LockHostUnavailableException extends StackLockException {
    LockHostUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
