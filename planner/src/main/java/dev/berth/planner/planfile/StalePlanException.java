package dev.berth.planner.planfile;

/** A saved plan no longer matches the stack or the hosts; the message says what moved. */
public final class StalePlanException extends RuntimeException {
    public StalePlanException(String message) {
        super(message);
    }
}
