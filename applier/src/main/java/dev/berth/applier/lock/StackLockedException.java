package dev.berth.applier.lock;

/** Another run holds the stack's lock; the message names it and how to clear a lock left behind. */
public final class StackLockedException extends StackLockException {
    private final String stack;
    private final LockHolder holder;

    StackLockedException(String stack, LockHolder holder) {
        super("stack " + stack + " is locked by " + holder.describe()
                + "; if that run is gone, run: berth force-unlock " + stack);
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
