package dev.berth.cli;

/**
 * berth's exit codes, documented in the README and in {@code berth --help}.
 */
public final class ExitCodes {
    /** Success; for plan and drift: nothing to change. */
    public static final int OK = 0;
    /** Invalid stack, bad usage, unreachable hosts, failed apply: nothing (more) was changed. */
    public static final int ERROR = 1;
    /** plan --detailed-exitcode: changes are present; drift: drift was found. */
    public static final int CHANGES = 2;

    private ExitCodes() {
    }
}
