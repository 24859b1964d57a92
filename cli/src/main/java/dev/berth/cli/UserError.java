package dev.berth.cli;

/**
 * A failure the user can fix (bad input, a host that does not answer, a stale plan): printed as one
 * clear message without a stack trace, exit code 1.
 */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
