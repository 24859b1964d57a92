package dev.berth.cli;

/**
 * A failure the user can fix (bad input, a host that does not answer, a stale plan): printed as one
 * clear message without a stack trace, exit code 1.
 */
public final class UserError extends RuntimeException {
    private final boolean preformatted;

    public UserError(String message) {
        super(message);
        this.preformatted = false;
    }

    private UserError(String text, boolean preformatted) {
        super(text);
        this.preformatted = preformatted;
    }

    /** Text already in its final form (diagnostics as FILE:LINE:COL lines): printed as it is. */
    public static UserError preformatted(String text) {
        return new UserError(text, true);
    }

    public boolean isPreformatted() {
        return preformatted;
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
        this.preformatted = false;
    }
}
