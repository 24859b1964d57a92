package dev.berth.applier.lock;

/** This run could not renew its lease in time: another run may hold the lock now, so it must stop. */
public final class LockLostException extends StackLockException {
    LockLostException(String message) {
        super(message);
    }
}
