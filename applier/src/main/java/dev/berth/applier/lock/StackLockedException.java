package dev.berth.applier.lock;

/** Another run holds the stack's lock; the message names it and how a lock left behind is cleared. */
public final class StackLockedException extends StackLockException {
    private final String stack;
    private final LockHolder holder;

    /** @param leaseSeconds the holder's lease; 0 for a lock without one, which only force-unlock clears */
    StackLockedException(String stack, LockHolder holder, long leaseSeconds) {
        super("stack " + stack + " is locked by " + holder.describe() + "; if that run is gone, "
                + (leaseSeconds > 0 ? "its lock frees itself within " + leaseSeconds + " s, or run: "
                : "run: ") + "berth force-unlock " + stack);
        this.stack = stack;
        this.holder = holder;
    }

    public String stack() {
        return stack;
    }

    public LockHolder holder() {
        return holder;
    }
}
