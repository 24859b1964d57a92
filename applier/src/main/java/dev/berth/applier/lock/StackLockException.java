package dev.berth.applier.lock;

/**
 * The stack lock could not be taken, read or cleared; the message says why in a form fit for the
 * user. Its subclasses let a caller tell a held lock and an unreachable lock host apart.
 */
public class StackLockException extends RuntimeException {
    StackLockException(String message) {
        super(message);
    }

    StackLockException(String message, Throwable cause) {
        super(message, cause);
    }
}
